import Bitrix24
import PortalRouting
import Routing
import SetupModel
import Testing

/// One check decides whether a mapping can write into a field, with the reason for each
/// refusal — the console's picker and the readiness check both ask it.
struct FieldCompatibilityTests {
    static func field(_ type: String, readOnly: Bool = false, items: [PortalCatalog.Field.Item]? = nil) -> PortalCatalog.Field {
        PortalCatalog.Field(
            code: "F", label: "Поле", type: type, isReadOnly: readOnly, isMultiple: false, isUserField: false, items: items)
    }

    @Test func eachTypeAndItsReason() {
        func check(_ source: String, _ type: String, value: String? = nil, readOnly: Bool = false) -> FieldCompatibility {
            FieldCompatibility.check(
                source: source, value: value,
                into: Self.field(type, readOnly: readOnly, items: [.init(id: "79", name: "A"), .init(id: "80", name: "B")]))
        }
        #expect(check("visitor_name", "string") == .fits)
        #expect(check("visitor_name", "text", readOnly: true).reason?.contains("read-only") == true)
        #expect(check("visitor_name", "integer").reason?.contains("takes numbers; visitor_name is text") == true)
        #expect(check("communication_id", "integer") == .fits)
        #expect(check("campaign_id", "double") == .fits)
        #expect(check("date_time", "datetime") == .fits)
        guard case .caution(let why) = check("date_time", "date") else {
            Issue.record("a date_time into a date is allowed with a caution")
            return
        }
        #expect(why.contains("only the date"))
        #expect(check("visitor_name", "date").reason?.contains("takes a date") == true)
        #expect(check("visitor_name", "enumeration").reason?.contains("choose the value to write") == true)
        #expect(check("", "enumeration", value: "80") == .fits)
        #expect(check("", "enumeration", value: "81").reason?.contains("no value 81") == true)
        #expect(check("visitor_name", "string", value: "80").reason?.contains("is not a list") == true)
        #expect(check("visitor_name", "user").reason?.contains("of type user") == true)
        #expect(check("visitor_name", "boolean").reason?.contains("of type boolean") == true)
    }

    /// A list value is what the new record gets, whatever the source holds.
    @Test func aListValueIsWrittenAsChosen() {
        var profile = RoutingTableTests.base
        profile.other.fieldMappingEnabled = true
        profile.other.fieldMappings = [FieldMapping(source: "", entity: .lead, field: "UF_CRM_1700000003", value: "80")]
        #expect(profile.validate().errors.isEmpty, "\(profile.validate())")
        let event = RoutingEvent(kind: .chat, phase: .started, channel: .init(id: "101"), communicationId: "1")
        let plan = RoutingEngine.plan(profile, event: event, facts: .none)
        let fields = plan.actions.compactMap { action -> [String: String]? in
            if case .create(let new) = action { return new.fields }
            return nil
        }
        #expect(fields.contains { $0["UF_CRM_1700000003"] == "80" }, "\(plan.actions)")
    }
}
