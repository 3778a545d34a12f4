import SetupModel
import Testing

/// Pickers offer exactly what validation accepts, for each event type and for mappings.
@Suite struct TemplateVariableChoiceTests {
    let custom = ["city", "Contract value"]

    @Test(arguments: [CommunicationKind.chat, .offline])
    func aTemplatesChoicesAreWhatItsValidationAccepts(kind: CommunicationKind) {
        let offered = Set(TemplateVariable.choices(for: kind, customOfflineFields: custom).map(\.name))
        #expect(offered == TemplateVariable.names(for: kind, customOfflineFields: custom))
    }

    @Test func aChatTemplateIsNotOfferedCustomOfflineFields() {
        let offered = TemplateVariable.choices(for: .chat, customOfflineFields: custom).map(\.name)
        #expect(!offered.contains("city"))
    }

    @Test func aMappingIsOfferedEverySourceValidationAccepts() {
        let offered = TemplateVariable.choices(for: nil, customOfflineFields: custom)
        let accepted = TemplateVariable.names(for: .chat, customOfflineFields: [])
            .union(TemplateVariable.names(for: .offline, customOfflineFields: custom))
        #expect(Set(offered.map(\.name)) == accepted)
        #expect(offered.contains { $0.name == "chat_channel_name" && $0.label.hasSuffix("chats only") })
        #expect(offered.contains { $0.name == "chat_channel_type" })
    }
}
