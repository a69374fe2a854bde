package org.filiere.graph;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    @Test
    void match_keys_ignore_case_accents_punctuation_and_trailing_legal_forms() {
        assertThat(Names.matchKey("Sofiprotéol S.A.")).isEqualTo("sofiproteol");
        assertThat(Names.matchKey("SOFIPROTEOL SA")).isEqualTo("sofiproteol");
        assertThat(Names.matchKey("sofiproteol s.a.r.l.")).isEqualTo("sofiproteol");
        assertThat(Names.matchKey("Lesieur Cristal SARL")).isEqualTo("lesieur cristal");
        assertThat(Names.matchKey("Acme Ltd.")).isEqualTo(Names.matchKey("ACME Limited"));
        // Only trailing legal forms go, and a name is never emptied.
        assertThat(Names.matchKey("SA Holding")).isEqualTo("sa holding");
        assertThat(Names.matchKey("S.A.")).isEqualTo("sa");
        assertThat(Names.matchKey("Groupe SEB")).isEqualTo("groupe seb");
    }

    @Test
    void similarity_is_high_for_one_letter_apart_and_low_for_different_names() {
        assertThat(Names.similarity("lesieur cristall", "lesieur cristal", 0.85)).isGreaterThan(0.9);
        assertThat(Names.similarity("acme maroc", "maroc acme", 0.85)).isEqualTo(1.0);
        assertThat(Names.similarity("renault", "renault tanger", 0.85)).isZero();
        assertThat(Names.similarity("bosch", "valeo", 0.85)).isZero();
        assertThat(Names.similarity("same", "same", 0.85)).isEqualTo(1.0);
    }

    @Test
    void index_text_runs_together_each_word_written_with_inner_punctuation() {
        assertThat(Names.aliasText("West-Ward", List.of("WEST-WARD", "west ward"))).isEqualTo("WEST-WARD | west ward | westward");
        assertThat(Names.aliasText("S.N.V.I", List.of("Renault's plant"))).isEqualTo("Renault's plant | snvi renaults");
        assertThat(Names.aliasText("Cevital", List.of("CEVITAL"))).isEqualTo("CEVITAL");
        assertThat(Names.aliasText("Cevital", List.of())).isEmpty();
    }
}
