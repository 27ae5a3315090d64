package io.hakeeper.plugin.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.AuthVerdict;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.PluginContext;

/**
 * Adverts captured from Debian's keepalived 2.2.7 ({@code auth_type AH}, {@code auth_pass secret}) on a
 * veth pair in a namespace, 192.0.2.1 sending: VRID 51 to 224.0.0.18 and VRID 52 unicast to 192.0.2.2.
 * Ours must accept them, and must write the very same bytes for the same advert.
 */
class AhKeepalivedVectorsTest {

    private static final String MULTICAST_SEQ_1 = "45c0004000010000ff3318b6c0000201e0000012700400"
            + "00c000020100000001e9d33f4970c19608673871fc213364010201b665c00002640000000000000000";
    private static final String MULTICAST_SEQ_2 = "45c0004000020000ff3318b5c0000201e0000012700400"
            + "00c000020100000002acd706ca30140c6a8d9f9415213364010201b665c00002640000000000000000";
    private static final String UNICAST_SEQ_1 = "45c0004000010000ff3336c6c0000201c0000202700400"
            + "00c000020100000001ca06549a66cecc3d27811e07213464010201b663c00002650000000000000000";
    private static final String UNICAST_SEQ_2 = "45c0004000020000ff3336c5c0000201c0000202700400"
            + "00c000020100000002700dfb704256709c28549286213464010201b663c00002650000000000000000";

    private static AhAuthMethod secret() {
        return (AhAuthMethod) new AhAuthMethodFactory().create(
                MapSettings.of("auth_type", "AH", "auth_pass", "secret"), new PluginContext("VI_1", "lb1", null));
    }

    private static AhAdvert captured(String hex, boolean unicast) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return new AhAdvert(ByteBuffer.wrap(bytes), new AhAdvert.Layout(0, 44, bytes.length - 44, unicast));
    }

    @Test
    void keepalivedsMulticastAdvertsAreAcceptedInOrderAndNotTwice() {
        AhAuthMethod method = secret();
        AhAdvert first = captured(MULTICAST_SEQ_1, false);
        AhAdvert second = captured(MULTICAST_SEQ_2, false);
        assertEquals(AuthVerdict.ACCEPTED, method.verify(first.packet(), first.layout()));
        assertEquals(AuthVerdict.ACCEPTED, method.verify(second.packet(), second.layout()));
        assertEquals(AuthVerdict.REPLAYED, method.verify(first.packet(), first.layout()));
    }

    @Test
    void keepalivedsUnicastAdvertsAreAccepted() {
        AhAuthMethod method = secret();
        AhAdvert first = captured(UNICAST_SEQ_1, true);
        AhAdvert second = captured(UNICAST_SEQ_2, true);
        assertEquals(AuthVerdict.ACCEPTED, method.verify(first.packet(), first.layout()));
        assertEquals(AuthVerdict.ACCEPTED, method.verify(second.packet(), second.layout()));
    }

    @Test
    void keepalivedsAdvertsAreRejectedWithAnotherPassword() {
        AhAdvert advert = captured(MULTICAST_SEQ_1, false);
        AhAuthMethod other = (AhAuthMethod) new AhAuthMethodFactory().create(
                MapSettings.of("auth_type", "AH", "auth_pass", "secrets"), new PluginContext("VI_1", "lb1", null));
        assertEquals(AuthVerdict.REJECTED, other.verify(advert.packet(), advert.layout()));
    }

    @Test
    void sealingTheSameAdvertWritesKeepalivedsBytes() {
        for (boolean unicast : new boolean[] {false, true}) {
            byte[] expected = HexFormat.of().parseHex(unicast ? UNICAST_SEQ_1 : MULTICAST_SEQ_1);
            byte[] unsealed = expected.clone();
            Arrays.fill(unsealed, 20, 44, (byte) 0);
            AhAdvert advert = new AhAdvert(ByteBuffer.wrap(unsealed),
                    new AhAdvert.Layout(0, 44, unsealed.length - 44, unicast));
            secret().seal(advert.packet(), advert.layout());
            assertArrayEquals(expected, unsealed, unicast ? "unicast" : "multicast");
        }
    }
}
