import Testing

@testable import SetupModel

@Suite struct NameTemplateTests {
    let known = TemplateVariable.names(for: .chat, customOfflineFields: [])

    @Test func rendersVariablesAndEmptyAsNothing() {
        let parsed = NameTemplate.parse("Чат {{ chat_channel_name }}: {{visitor_name}}!", known: known)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.variables == ["chat_channel_name", "visitor_name"])
        #expect(parsed.render(["chat_channel_name": "WhatsApp"]) == "Чат WhatsApp: !")
        #expect(!parsed.render([:]).contains("None"))
    }

    @Test func unclosedBraceIsReportedAtItsPlace() {
        let parsed = NameTemplate.parse("Лид\nс сайта {{site_domain_name", known: known)
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems[0].position == TextPosition(offset: 12, line: 2, column: 9))
        #expect(parsed.problems[0].message.contains("not closed"))
    }

    @Test func unknownVariableSuggestsTheNearest() {
        let parsed = NameTemplate.parse("{{visitor_phone}}", known: known)
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems[0].position.column == 3)
        #expect(
            parsed.problems[0].message == "unknown variable 'visitor_phone' — did you mean 'visitor_name'?"
                || parsed.problems[0].message.contains("did you mean 'visitor_phone_number'"))
    }

    @Test func emptyAndMalformedNames() {
        #expect(NameTemplate.parse("{{}}", known: known).problems[0].message.contains("empty"))
        #expect(NameTemplate.parse("{{a b}}", known: known).problems[0].message.contains("not a variable name"))
    }

    @Test func offlineOnlyVariablesAreUnknownForChats() {
        #expect(!NameTemplate.parse("{{form_name}}", known: known).problems.isEmpty)
        let offline = TemplateVariable.names(for: .offline, customOfflineFields: ["company_size"])
        #expect(NameTemplate.parse("{{form_name}} {{company_size}}", known: offline).problems.isEmpty)
    }

    @Test func singleBracesAreText() {
        #expect(NameTemplate.parse("a {b} }} c", known: known).render([:]) == "a {b} }} c")
    }
}
