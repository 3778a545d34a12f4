import Testing

@testable import SetupModel

@Suite struct ValidationTests {
    func paths(_ p: Profile, severity: ValidationProblem.Severity = .error) -> [String] {
        p.validate().filter { $0.severity == severity }.map(\.path.description)
    }

    @Test func completeProfileIsValid() {
        #expect(Fixtures.profile.validate(knownAccounts: [Fixtures.domain.description]).isEmpty)
    }

    @Test func unknownAccountIsAnError() {
        let problems = Fixtures.profile.validate(knownAccounts: ["https://other.bitrix24.ru"])
        #expect(problems.map(\.path.description) == ["account"])
    }

    @Test func firstContactNeedsLeadOrDeal() {
        var p = Fixtures.profile
        p.chats.firstContact.create = [.activity]
        #expect(paths(p).contains("chats.firstContact.create"))
    }

    @Test func commentPriorityRequiredWhenRepeatedCreatesNothing() {
        var p = Fixtures.profile
        p.chats.repeatedContact.create = []
        p.chats.commentPriority = nil
        #expect(paths(p) == ["chats.commentPriority"])
    }

    /// The field is hidden then (as in the vendor's cabinet): no warning about what cannot be seen.
    @Test func commentPriorityIgnoredWhenRepeatedCreatesLead() {
        var p = Fixtures.profile
        p.chats.repeatedContact.create = [.lead]
        p.chats.commentPriority = .toLeads
        #expect(!p.validate().contains { $0.path.description == "chats.commentPriority" })
    }

    @Test func defaultResponsibleRequiredOnlyWhenEnabled() {
        var p = Fixtures.profile
        p.offline.defaultResponsible = nil
        #expect(paths(p) == ["offline.defaultResponsible"])
        p.offline.enabled = false
        #expect(paths(p).isEmpty)
    }

    @Test func stageTargetsFollowTheCreationChoice() {
        var p = Fixtures.profile
        p.chats.firstContact.funnels.defaults = StageTarget()
        #expect(
            paths(p) == [
                "chats.firstContact.funnels.defaults.leadStage", "chats.firstContact.funnels.defaults.dealCategory",
                "chats.firstContact.funnels.defaults.dealStage",
            ])
        p.chats.firstContact.create = [.lead]
        #expect(paths(p) == ["chats.firstContact.funnels.defaults.leadStage"])
        p.chats.firstContact.create = [.deal]
        #expect(paths(p).count == 2)
        p.chats.firstContact.funnels.applyCustomStages = false
        #expect(paths(p).isEmpty)
    }

    @Test func ruleTargetIsCheckedToo() {
        var p = Fixtures.profile
        p.chats.firstContact.funnels.rules[0].target.dealStage = nil
        #expect(paths(p) == ["chats.firstContact.funnels.rules[0].target.dealStage"])
    }

    @Test func chatOnlyParamInOfflineSettingsIsRefused() {
        var p = Fixtures.profile
        p.offline.responsibleRules = [
            ResponsibleRule(
                condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.chatChannelName, .allow, ["x"])])]),
                responsible: "1")
        ]
        #expect(paths(p) == ["offline.responsibleRules[0].condition.anyOf[0].allOf[0].param"])
    }

    @Test func clauseWithoutValuesIsRefused() {
        var p = Fixtures.profile
        p.other.chatFilter = Condition(anyOf: [ConditionGroup(allOf: [Clause(.tag, .forbid, [" "])])])
        #expect(paths(p) == ["other.chatFilter.anyOf[0].allOf[0].values"])
    }

    @Test func unknownTemplateVariableNamesThePlace() {
        var p = Fixtures.profile
        p.other.templates[0].text = "Чат {{chanel_name}}"
        let problem = p.validate().first { $0.path.description == "other.templates[0].text" }
        #expect(problem?.message.hasPrefix("line 1, column 7: unknown variable 'chanel_name'") == true)
    }

    @Test func duplicateTemplatePerEventType() {
        var p = Fixtures.profile
        p.other.templates.append(NameTemplate(eventType: .chat, text: "x"))
        #expect(paths(p) == ["other.templates[1].eventType"])
    }

    @Test func mappingSourceAndFieldCode() {
        var p = Fixtures.profile
        p.other.fieldMappings = [
            FieldMapping(source: "utm_sourse", entity: .lead, field: "uf_crm_x"),
            FieldMapping(source: "company_size", entity: .deal, field: "UF_CRM_SIZE"),
            FieldMapping(source: "utm_medium", entity: .deal, field: "UF_CRM_SIZE"),
        ]
        #expect(
            paths(p) == [
                "other.fieldMappings[0].source", "other.fieldMappings[0].field", "other.fieldMappings[2].field",
            ])
    }

    @Test func offlineRequestsHaveNoChannels() {
        var p = Fixtures.profile
        p.offline.channels = ["111"]
        #expect(paths(p) == ["offline.channels"])
    }

    @Test func tickedChannelMustExist() {
        var p = Fixtures.profile
        p.chats.channels = ["111", "999"]
        #expect(paths(p) == ["chats.channels[1]"])
    }
}
