package io.hakeeper.plugin.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthVerdict;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.SettingsException;

class AhAuthMethodTest {

    private final AhAuthMethodFactory factory = new AhAuthMethodFactory();

    private AhAuthMethod ah(String password) {
        return (AhAuthMethod) factory.create(MapSettings.of("auth_type", "AH", "auth_pass", password),
                new PluginContext("VI_1", "lb1", null));
    }

    /** HMAC-MD5-96 with the JDK's own Mac, over a copy with keepalived's fields zeroed: the reference. */
    private static byte[] referenceIcv(String password, byte[] packet, boolean unicast) throws Exception {
        byte[] copy = packet.clone();
        copy[1] = 0; // TOS
        copy[6] = 0; // flags, fragment offset
        copy[7] = 0;
        copy[10] = 0; // checksum
        copy[11] = 0;
        if (unicast) {
            copy[8] = 0; // TTL
        }
        Arrays.fill(copy, 20 + 12, 20 + 24, (byte) 0);
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), 8), "HmacMD5"));
        return Arrays.copyOf(mac.doFinal(copy), 12);
    }

    @Test
    void factoryNamesTypeAhAndHidesThePassword() {
        assertEquals("AH", factory.type());
        assertEquals(Set.of("auth_type", "auth_pass"), factory.settingKeys());
        assertEquals(Set.of("auth_pass"), factory.secretKeys());
    }

    @Test
    void ahTravelsAsVrrpAuthTypeTwoInProtocol51WithA24ByteHeader() {
        AuthMethod method = ah("secret");
        assertEquals(2, method.authType());
        assertEquals(51, method.ipProtocol());
        assertEquals(24, method.headerLength());
    }

    @Test
    void passwordsOfNoneOrMoreThanEightBytesAreRefused() {
        assertThrows(SettingsException.class, () -> ah(""));
        assertThrows(SettingsException.class, () -> ah("123456789"));
    }

    @Test
    void hmacMd5MatchesRfc2104TestVectors() {
        byte[] out = new byte[16];
        new HmacMd5(new byte[] {0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b})
                .compute("Hi There".getBytes(StandardCharsets.US_ASCII), 0, 8, out);
        assertEquals("9294727a3638bb1c13f48ef8158bfc9d", HexFormat.of().formatHex(out));
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        new HmacMd5("Jefe".getBytes(StandardCharsets.US_ASCII)).compute(data, 0, data.length, out);
        assertEquals("750c783e6ab0b503eaa86e310a5db738", HexFormat.of().formatHex(out));
    }

    @Test
    void sealWritesKeepalivedsAhHeaderWithTheHmacOfThePacketMutableFieldsZeroed() throws Exception {
        AhAdvert advert = AhAdvert.multicast(false);
        byte[] before = advert.bytes();

        ah("secret").seal(advert.packet(), advert.layout());

        byte[] after = advert.bytes();
        byte[] header = Arrays.copyOfRange(after, 20, 32);
        assertEquals("7004000" + "0" + "c0000201" + "00000001", HexFormat.of().formatHex(header),
                "next header 112, payload length 4, reserved, SPI = source 192.0.2.1, sequence 1");
        assertArrayEquals(referenceIcv("secret", after, false), Arrays.copyOfRange(after, 32, 44));
        // nothing else moved: IP header and VRRP message are as the engine wrote them
        assertArrayEquals(Arrays.copyOf(before, 20), Arrays.copyOf(after, 20));
        assertArrayEquals(Arrays.copyOfRange(before, 44, before.length), Arrays.copyOfRange(after, 44, after.length));
        assertEquals(0, advert.packet().position());
    }

    @Test
    void sealingAtAnOffsetInADirectBufferWritesTheSameBytes() {
        AhAdvert heap = AhAdvert.multicast(false);
        AhAdvert direct = AhAdvert.build(true, 7, AhAdvert.MULTICAST, 0xc0000264);
        ah("secret").seal(heap.packet(), heap.layout());
        ah("secret").seal(direct.packet(), direct.layout());
        assertArrayEquals(heap.bytes(), direct.bytes());
    }

    @Test
    void sealedAdvertIsAcceptedWithTheSamePasswordAndRejectedWithAnother() {
        AhAdvert advert = AhAdvert.multicast(false);
        ah("secret").seal(advert.packet(), advert.layout());
        assertEquals(AuthVerdict.ACCEPTED, ah("secret").verify(advert.packet(), advert.layout()));
        assertEquals(AuthVerdict.REJECTED, ah("secreT").verify(advert.packet(), advert.layout()));
        assertEquals(AuthVerdict.REJECTED, ah("secret1").verify(advert.packet(), advert.layout()));
    }

    @Test
    void everyChangedByteOutsideTheMutableFieldsIsRejected() {
        AhAdvert advert = AhAdvert.multicast(false);
        ah("secret").seal(advert.packet(), advert.layout());
        byte[] sealed = advert.bytes();
        Set<Integer> mutable = Set.of(1, 6, 7, 10, 11);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            advert.restore(tampered);
            AuthVerdict expected = mutable.contains(i) ? AuthVerdict.ACCEPTED : AuthVerdict.REJECTED;
            assertEquals(expected, ah("secret").verify(advert.packet(), advert.layout()), "byte " + i + " flipped");
        }
    }

    @Test
    void anSpiOtherThanTheSourceAddressIsRejectedEvenWithAValidIcv() throws Exception {
        AhAdvert advert = AhAdvert.multicast(false);
        ah("secret").seal(advert.packet(), advert.layout());
        byte[] forged = advert.bytes();
        forged[20 + 7] ^= 1; // SPI 192.0.2.0
        System.arraycopy(referenceIcv("secret", forged, false), 0, forged, 32, 12);
        advert.restore(forged);
        assertEquals(AuthVerdict.REJECTED, ah("secret").verify(advert.packet(), advert.layout()));
    }

    @Test
    void anAdvertNotNewerThanTheLastAcceptedIsReplayed() {
        AhAuthMethod sender = ah("secret");
        AhAuthMethod receiver = ah("secret");
        AhAdvert first = AhAdvert.multicast(false);
        AhAdvert second = AhAdvert.multicast(false);
        sender.seal(first.packet(), first.layout());
        sender.seal(second.packet(), second.layout());

        assertEquals(AuthVerdict.ACCEPTED, receiver.verify(first.packet(), first.layout()));
        assertEquals(AuthVerdict.REPLAYED, receiver.verify(first.packet(), first.layout()), "the same advert again");
        assertEquals(AuthVerdict.ACCEPTED, receiver.verify(second.packet(), second.layout()));
        assertEquals(AuthVerdict.REPLAYED, receiver.verify(first.packet(), first.layout()), "an older advert");
        assertEquals(2, receiver.sequence());
    }

    @Test
    void aForgedAdvertDoesNotMoveTheSequenceCounter() {
        AhAuthMethod receiver = ah("secret");
        AhAdvert forged = AhAdvert.multicast(false);
        AhAuthMethod attacker = ah("guess");
        for (int i = 0; i < 5; i++) {
            attacker.seal(forged.packet(), forged.layout());
        }
        assertEquals(AuthVerdict.REJECTED, receiver.verify(forged.packet(), forged.layout()));
        assertEquals(0, receiver.sequence());
    }

    @Test
    void theNextAdvertSentContinuesFromTheLastAcceptedNumberAsKeepalivedDoes() {
        AhAuthMethod oldMaster = ah("secret");
        AhAuthMethod backup = ah("secret");
        AhAdvert advert = AhAdvert.multicast(false);
        for (int i = 0; i < 5; i++) {
            oldMaster.seal(advert.packet(), advert.layout());
            assertEquals(AuthVerdict.ACCEPTED, backup.verify(advert.packet(), advert.layout()));
        }
        backup.seal(advert.packet(), advert.layout());
        assertEquals(6, Integer.toUnsignedLong(advert.packet().getInt(advert.ah() + 8)));
        assertEquals(AuthVerdict.ACCEPTED, oldMaster.verify(advert.packet(), advert.layout()),
                "a restarted or former master accepts the new master's numbers");
    }

    @Test
    void unicastAdvertsLeaveTheTtlOutOfTheIcvAndMulticastOnesDoNot() throws Exception {
        AhAdvert unicast = AhAdvert.unicast();
        ah("secret").seal(unicast.packet(), unicast.layout());
        byte[] sealed = unicast.bytes();
        assertArrayEquals(referenceIcv("secret", sealed, true), Arrays.copyOfRange(sealed, 32, 44));
        unicast.packet().put(unicast.ipOffset() + 8, (byte) 64); // a router decremented the TTL
        assertEquals(AuthVerdict.ACCEPTED, ah("secret").verify(unicast.packet(), unicast.layout()));

        AhAdvert multicast = AhAdvert.multicast(false);
        ah("secret").seal(multicast.packet(), multicast.layout());
        multicast.packet().put(multicast.ipOffset() + 8, (byte) 64);
        assertEquals(AuthVerdict.REJECTED, ah("secret").verify(multicast.packet(), multicast.layout()));
    }

    @Test
    void aPacketTooShortForItsLayoutIsRejectedWithoutAnException() {
        AhAdvert advert = AhAdvert.multicast(false);
        ah("secret").seal(advert.packet(), advert.layout());
        ByteBuffer truncated = advert.packet().duplicate().limit(advert.end() - 1);
        assertEquals(AuthVerdict.REJECTED, ah("secret").verify(truncated, advert.layout()));
        assertEquals(advert.end() - 1, truncated.limit());
    }
}
