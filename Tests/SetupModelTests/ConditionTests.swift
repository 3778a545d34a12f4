import Testing

@testable import SetupModel

@Suite struct ConditionTests {
    func request(_ values: [ConditionParam: [String]]) -> (ConditionParam) -> [String] {
        { values[$0] ?? [] }
    }

    @Test func emptyConditionAlwaysHolds() {
        #expect(Condition.always.holds(for: request([:])))
    }

    @Test func allowHoldsForListedValueIgnoringCaseAndBlanks() {
        let c = Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["Example.com "])])])
        #expect(c.holds(for: request([.site: ["example.com"]])))
        #expect(!c.holds(for: request([.site: ["other.com"]])))
        #expect(!c.holds(for: request([:])))
    }

    @Test func forbidHoldsForRequestsWithoutTheValues() {
        let c = Condition(anyOf: [ConditionGroup(allOf: [Clause(.chatChannelName, .forbid, ["Telegram bot 35"])])])
        #expect(!c.holds(for: request([.chatChannelName: ["Telegram bot 35"]])))
        #expect(c.holds(for: request([.chatChannelName: ["WhatsApp Web 111"]])))
        #expect(c.holds(for: request([:])))
    }

    @Test func groupsAreAndJoinedByOr() {
        let c = Condition(anyOf: [
            ConditionGroup(allOf: [Clause(.site, .allow, ["a.com"]), Clause(.tag, .forbid, ["spam"])]),
            ConditionGroup(allOf: [Clause(.communicationGroup, .allow, ["Продажи"])]),
        ])
        #expect(c.holds(for: request([.site: ["a.com"], .tag: ["vip"]])))
        #expect(!c.holds(for: request([.site: ["a.com"], .tag: ["vip", "spam"]])))
        #expect(c.holds(for: request([.site: ["b.com"], .communicationGroup: ["продажи"]])))
        #expect(!c.holds(for: request([.site: ["b.com"]])))
    }

    @Test func requestTextMatchesBySubstring() {
        let c = Condition(anyOf: [ConditionGroup(allOf: [Clause(.requestText, .allow, ["перезвоните"])])])
        #expect(c.holds(for: request([.requestText: ["Здравствуйте, ПЕРЕЗВОНИТЕ мне"]])))
        #expect(!c.holds(for: request([.requestText: ["hello"]])))
    }
}
