package io.sluice.destinations.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

import io.sluice.destinations.http.Template.Kind;
import io.sluice.destinations.http.Template.Literal;
import io.sluice.destinations.http.Template.Placeholder;
import io.sluice.destinations.http.Template.Reference;

class TemplateTest {

    @Test
    void splitsTextIntoLiteralsAndPlaceholdersOfEachKind() {
        Template url = Template.parse("{{config:crm}}/contacts/{{ destination_id }}?by={{email}}&k={{secret:key}}");

        assertThat(url.parts()).containsExactly(
                new Placeholder(new Reference(Kind.CONFIG, "crm"), false),
                new Literal("/contacts/"),
                new Placeholder(new Reference(Kind.DESTINATION_ID, "destination_id"), false),
                new Literal("?by="),
                new Placeholder(new Reference(Kind.FIELD, "email"), false),
                new Literal("&k="),
                new Placeholder(new Reference(Kind.SECRET, "key"), false));
    }

    @Test
    void aPlaceholderKnowsWhetherItStandsInsideAJsonString() {
        Template body = Template.parse("{\"id\": {{id}}, \"note\": \"Hi \\\"{{name}}\\\"\", \"all\": {{records}}}");

        assertThat(body.parts()).filteredOn(Placeholder.class::isInstance).map(Placeholder.class::cast)
                .extracting(p -> p.reference().name(), Placeholder::inJsonString)
                .containsExactly(tuple("id", false),
                        tuple("name", true),
                        tuple("records", false));
        assertThat(body.render(p -> "<" + p.reference().name() + ">"))
                .isEqualTo("{\"id\": <id>, \"note\": \"Hi \\\"<name>\\\"\", \"all\": <records>}");
    }

    @Test
    void anUnclosedOrEmptyPlaceholderIsAMistake() {
        assertThatThrownBy(() -> Template.parse("{\"a\": {{email}")).hasMessage(
                "'{{' at position 7 is not closed with '}}'");
        assertThatThrownBy(() -> Template.parse("/x/{{ }}")).hasMessage("empty placeholder '{{}}' at position 4");
    }
}
