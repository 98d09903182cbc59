package io.openloop.ledger.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void newIdIsValid() {
        assertThat(Ids.isValid(Ids.newId(Ids.LOOP), Ids.LOOP)).isTrue();
    }

    @Test
    void derivedIdIsValid() {
        String id = Ids.derivedId("grant_", "record-1/grant_/0");

        assertThat(Ids.isValid(id, "grant_")).as(id).isTrue();
    }

    @Test
    void derivedIdRepeatsForSameSeed() {
        assertThat(Ids.derivedId("grant_", "record-1/grant_/0"))
                .isEqualTo(Ids.derivedId("grant_", "record-1/grant_/0"));
    }

    @Test
    void derivedIdDiffersBySeed() {
        assertThat(Ids.derivedId("grant_", "record-1/grant_/0"))
                .isNotEqualTo(Ids.derivedId("grant_", "record-1/grant_/1"));
        assertThat(Ids.derivedId("grant_", "record-1/grant_/0"))
                .isNotEqualTo(Ids.derivedId("grant_", "record-2/grant_/0"));
    }

    @Test
    void derivedIdUsesWholeAlphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = Ids.derivedId("t_", "seed-" + i);
            for (char c : id.substring(2).toCharArray()) {
                seen.add(c);
            }
        }
        assertThat(seen).hasSize(32);
    }
}
