package io.hakeeper.plugin.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthVerdict;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.SettingsException;

class PassAuthMethodTest {

    private static final byte[] NO_AUTH_DATA = new byte[8];
    private static final int VIP_1 = 0xc0a8c811; // 192.168.200.17
    private static final int VIP_2 = 0xc0a8c812;

    private final PassAuthMethodFactory factory = new PassAuthMethodFactory();

    private AuthMethod pass(String password) {
        return factory.create(MapSettings.of("auth_type", "PASS", "auth_pass", password),
                new PluginContext("VI_1", "lb1", null));
    }

    @Test
    void factoryNamesTypePassAndHidesThePassword() {
        assertEquals("PASS", factory.type());
        assertEquals(Set.of("auth_type", "auth_pass"), factory.settingKeys());
        assertEquals(Set.of("auth_pass"), factory.secretKeys());
    }

    @Test
    void passTravelsAsVrrpAuthTypeOneInProtocol112WithoutExtraHeader() {
        AuthMethod method = pass("1234");
        assertEquals(1, method.authType());
        assertEquals(112, method.ipProtocol());
        assertEquals(0, method.headerLength());
    }

    @Test
    void sealWritesZeroPaddedPasswordIntoTheLastEightBytesOnly() {
        Vrrp2Advert advert = Vrrp2Advert.build(1, NO_AUTH_DATA, VIP_1, VIP_2);
        byte[] before = advert.packet().array().clone();

        pass("1234").seal(advert.packet(), advert.layout());

        assertArrayEquals(new byte[] {'1', '2', '3', '4', 0, 0, 0, 0}, advert.authData());
        byte[] after = advert.packet().array();
        int authData = after.length - 8;
        for (int i = 0; i < authData; i++) {
            assertEquals(before[i], after[i], "byte " + i + " outside the auth data changed");
        }
    }

    @Test
    void sealLeavesPositionAndLimitAlone() {
        Vrrp2Advert advert = Vrrp2Advert.build(1, NO_AUTH_DATA, VIP_1);
        advert.packet().position(3);

        pass("secret").seal(advert.packet(), advert.layout());

        assertEquals(3, advert.packet().position());
        assertEquals(20 + 8 + 4 + 8, advert.packet().limit());
    }

    @Test
    void advertSealedWithTheSamePasswordIsAccepted() {
        Vrrp2Advert advert = Vrrp2Advert.build(1, NO_AUTH_DATA, VIP_1);
        pass("8charsok").seal(advert.packet(), advert.layout());

        assertEquals(AuthVerdict.ACCEPTED, pass("8charsok").verify(advert.packet(), advert.layout()));
    }

    @Test
    void advertWithAnotherPasswordIsRejected() {
        Vrrp2Advert advert = Vrrp2Advert.build(1, "1235\0\0\0\0".getBytes(US_ASCII), VIP_1);

        assertEquals(AuthVerdict.REJECTED, pass("1234").verify(advert.packet(), advert.layout()));
    }

    @Test
    void passwordThatIsOnlyAPrefixIsRejectedBecausePaddingIsCompared() {
        Vrrp2Advert advert = Vrrp2Advert.build(1, "1234\0\0\0\0".getBytes(US_ASCII), VIP_1);

        assertEquals(AuthVerdict.REJECTED, pass("12345").verify(advert.packet(), advert.layout()));
    }

    @Test
    void advertOfAnotherAuthTypeIsRejectedEvenWithTheRightBytes() {
        Vrrp2Advert advert = Vrrp2Advert.build(0, "1234\0\0\0\0".getBytes(US_ASCII), VIP_1);

        assertEquals(AuthVerdict.REJECTED, pass("1234").verify(advert.packet(), advert.layout()));
    }

    @Test
    void truncatedAdvertIsRejectedNotReadBeyondItsEnd() {
        Vrrp2Advert advert = Vrrp2Advert.build(1, "1234\0\0\0\0".getBytes(US_ASCII), VIP_1);
        advert.packet().limit(advert.packet().limit() - 1);

        assertEquals(AuthVerdict.REJECTED, pass("1234").verify(advert.packet(), advert.layout()));
    }

    @Test
    void missingPasswordIsASettingsErrorNamingTheKey() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> factory.create(MapSettings.of("auth_type", "PASS"), new PluginContext("VI_1", "lb1", null)));
        assertEquals("test.auth_pass", error.keyPath());
    }

    @Test
    void passwordOfNineCharactersIsRefused() {
        SettingsException error = assertThrows(SettingsException.class, () -> pass("123456789"));
        assertEquals("expected 1 to 8 characters (at most 8 bytes in UTF-8)", error.problem());
    }

    @Test
    void emptyPasswordIsRefused() {
        assertThrows(SettingsException.class, () -> pass(""));
    }
}
