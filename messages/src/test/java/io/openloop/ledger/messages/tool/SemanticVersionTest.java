package io.openloop.ledger.messages.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    @Test
    void precedenceFollowsSemVerExample() {
        // The ordering example of Semantic Versioning 2.0.0, item 11.
        List<String> ordered = List.of(
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-alpha.beta",
                "1.0.0-beta",
                "1.0.0-beta.2",
                "1.0.0-beta.11",
                "1.0.0-rc.1",
                "1.0.0",
                "2.0.0",
                "2.1.0",
                "2.1.1",
                "10.0.0");

        for (int i = 1; i < ordered.size(); i++) {
            SemanticVersion lower = SemanticVersion.parse(ordered.get(i - 1));
            SemanticVersion higher = SemanticVersion.parse(ordered.get(i));
            assertThat(lower.compareTo(higher)).as("%s < %s", lower, higher).isNegative();
            assertThat(higher.compareTo(lower)).as("%s > %s", higher, lower).isPositive();
        }
    }

    @Test
    void buildMetadataIsIgnored() {
        SemanticVersion first = SemanticVersion.parse("1.0.0+build.1");
        SemanticVersion second = SemanticVersion.parse("1.0.0+build.2");

        assertThat(first.compareTo(second)).isZero();
        assertThat(first.key()).isEqualTo("1.0.0");
        assertThat(first.build()).isEqualTo("build.1");
    }

    @Test
    void invalidVersionsAreRejected() {
        for (String text : List.of("1.0", "01.0.0", "1.0.0-01", "v1.0.0", "1.0.0-", "1.0.0+", "", " 1.0.0")) {
            assertThat(SemanticVersion.isValid(text)).as(text).isFalse();
        }
    }

    @Test
    void largeNumbersCompareWithoutOverflow() {
        SemanticVersion huge = SemanticVersion.parse("99999999999999999999.0.0");

        assertThat(huge.compareTo(SemanticVersion.parse("9.0.0"))).isPositive();
    }
}
