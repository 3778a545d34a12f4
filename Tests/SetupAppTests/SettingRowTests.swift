import SetupModel
import TerminalUI
import Testing

@testable import SetupApp

/// One rule decides which row a problem belongs to: the row marked ✗ is the row whose
/// message shows, and Review's jump lands on the setting itself, however deep it sits.
@Suite struct SettingRowTests {
    /// A ticked channel the account lacks (`chats.channels[1]`) used to mark "Chats
    /// channels" ✗ with no message: the mark and the message used different rules.
    @Test func aProblemInsideAListShowsItsMessageOnTheListsRow() async throws {
        var h = try await ConsoleHarness.make(profile: { $0.chats.channels = ["111", "999"] })
        await h.settle()
        h.focus("Chats channels")
        #expect(h.screen.contains("channel '999' is not among the CallGear account's channels"), "\(h.screen)")
        await h.stop()
    }

    /// Review lists problems by the catalog's label and Enter opens the screens down to the
    /// setting: a clause's empty value inside a responsible rule, a funnel rule's stage.
    @Test func reviewJumpsThroughRulesToTheSettingItself() async throws {
        var h = try await ConsoleHarness.make(onboarding: true)
        await h.settle()
        var profile = Profile(name: "deep", region: .dubai, account: h.domain.description)
        profile.chats = CommunicationSettings(enabled: true, channels: ["111"], defaultResponsible: "5")
        profile.callGear.channels = [ChatChannel(id: "111", name: "WhatsApp Web 111", type: "whatsapp")]
        profile.chats.responsibleRules = [
            ResponsibleRule(
                condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, [])])]), responsible: "5")
        ]
        profile.chats.firstContact.funnels = FunnelSettings(
            applyCustomStages: true,
            rules: [FunnelRule(condition: .always, target: StageTarget(leadStage: nil))],
            defaults: StageTarget(leadStage: "NEW"))
        h.driver.model.workspace.profile = profile
        for _ in 0..<8 { h.press(.pageDown) }
        #expect(h.screen.contains("Step 9 of 10 — Review"), "\(h.screen)")
        h.focus("✗ Value")
        h.press(.enter)
        #expect(h.focusedLine.contains("Value"), "\(h.screen)")
        #expect(h.screen.contains("'Site' has no value to compare with"), "\(h.screen)")
        #expect(h.screen.contains("Condition of responsible rule 1") || h.screen.contains("Condition 1.1"), "\(h.screen)")
        await h.stop()

        var again = try await ConsoleHarness.make(onboarding: true)
        await again.settle()
        again.driver.model.workspace.profile = profile
        for _ in 0..<8 { again.press(.pageDown) }
        again.focus("✗ Lead status")
        again.press(.enter)
        #expect(again.focusedLine.contains("Lead status"), "\(again.screen)")
        #expect(again.screen.contains("Funnel rule 1"), "\(again.screen)")
        await again.stop()
    }
}

/// Every row of every section, for a profile that fills every block, is a catalog setting
/// (or a heading, a note, an action): its label, "required" and hint are the catalog's.
@Suite struct SectionRowsFromTheCatalogTests {
    @Test func everySettingRowComesFromTheCatalog() async throws {
        var h = try await ConsoleHarness.make(profile: { p in
            p.chats.responsibleRules = [ResponsibleRule(condition: .always, responsible: "5")]
            p.chats.firstContact = ContactHandling(
                create: [.lead, .deal],
                funnels: FunnelSettings(
                    applyCustomStages: true, rules: [FunnelRule(condition: .always, target: StageTarget())]))
            p.chats.repeatedContact = ContactHandling(create: [.deal], funnels: FunnelSettings(applyCustomStages: true))
            p.offline.enabled = true
            p.other.filterEnabled = true
            p.other.templates = [NameTemplate(eventType: .chat, text: "Чат")]
            p.other.fieldMappings = [FieldMapping(source: "utm_source", entity: .lead, field: "TITLE")]
        })
        await h.settle()
        var seen = 0
        for section in Section.allCases where section.settingsSection != nil {
            h.driver.model.section = section
            h.driver.model.stack = []
            for row in FormScreen.rows(h.driver.model) {
                switch row.kind {
                case .heading, .note, .action: continue
                default: break
                }
                let entry = try #require(SettingsCatalog.entry(at: row.path), "\(section): “\(row.label)” is no setting")
                #expect(entry.section == section.settingsSection, "\(row.path) is on \(section) but belongs to \(entry.section)")
                #expect(row.required == entry.required, "\(row.path)")
                #expect(row.hint != nil, "\(row.path)")
                seen += 1
            }
        }
        #expect(seen > 25, "\(seen) rows checked")
        await h.stop()
    }
}

/// Field mapping: types are checked in one place and every refusal says why; a list field
/// takes one of its values, picked from the portal's list.
@Suite struct FieldMappingTypeTests {
    @Test func aListFieldTakesAPickedValueAndRefusalsSayWhy() async throws {
        var h = try await ConsoleHarness.make(profile: { p in
            p.other.fieldMappingEnabled = true
            p.other.fieldMappings = [FieldMapping(source: "visitor_name", entity: .lead, field: "")]
        })
        await h.settle()
        h.press(.character("6"))
        h.focus("Field mapping ")
        h.press(.enter)  // the list
        h.press(.enter)  // mapping 1
        h.focus("Bitrix24 field")
        // A number field for a text source: refused, with the reason.
        h.press(.enter)
        h.type("Сумма")
        h.press(.enter)
        #expect(h.screen.contains("takes numbers; visitor_name is text"), "\(h.screen)")
        #expect(h.driver.model.profile.other.fieldMappings[0].field.isEmpty)
        // A read-only field: listed, and refused with the reason when picked.
        h.press(.enter)
        h.type("Дата создания")
        h.press(.enter)
        #expect(h.screen.contains("read-only in Bitrix24"), "\(h.screen)")
        // A list field: its value is chosen from the portal's list, and written.
        h.press(.enter)
        h.type("Тип клиента")
        h.press(.enter)
        #expect(h.driver.model.profile.other.fieldMappings[0].field == "UF_CRM_1700000003")
        h.focus("List value")
        h.press(.enter)
        h.type("Вариант 2")
        h.press(.enter)
        #expect(h.driver.model.profile.other.fieldMappings[0].value == "80")
        #expect(h.focusedLine.contains("Вариант 2 (80)"), "\(h.screen)")
        // Another field clears the value: values belong to one field.
        h.focus("Bitrix24 field")
        h.press(.enter)
        h.type("Дополнительно об источнике")
        h.press(.enter)
        #expect(h.driver.model.profile.other.fieldMappings[0].value == nil)
        #expect(!h.screen.contains("List value"))
        await h.stop()
    }
}
