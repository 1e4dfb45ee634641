package io.tavern.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReservedNamesTest {

    private final ReservedNames reserved = new ReservedNames(List.of("Moderator", "gm"));

    @ParameterizedTest(name = "{0} is reserved")
    @ValueSource(strings = {"admin", "ADMIN", "Admin", "adm1n", "AdmIn", "admln", "ad_min", "-admin-", "adrnin",
            "system", "SYSTEM", "sys_tem", "systern", "server", "SERVER", "moderator", "MODERATOR", "m0derat0r", "GM"})
    void theHousesNamesAndTheirLookAlikesAreReserved(String name) {
        assertThat(reserved.isReserved(name)).isTrue();
    }

    @ParameterizedTest(name = "{0} is free")
    @ValueSource(strings = {"alice", "administrator", "admins", "sysadmin", "servers", "badminton", "gm2", "Bob"})
    void namesThatOnlyContainOrResembleThemInPartAreFree(String name) {
        assertThat(reserved.isReserved(name)).isFalse();
    }
}
