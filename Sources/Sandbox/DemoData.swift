import SetupModel

/// The demo's portal and profile: a Dubai client whose WhatsApp and Telegram chats become
/// leads and deals. Also the source of the example files under Examples/, and the profile the
/// replay tests and benchmark plan the sandbox's traffic with.
public enum DemoData {
    public static let domain = try! PortalDomain(parsing: "https://demo-callgear.bitrix24.ru")

    public static var account: Account {
        Account(name: "Демо-портал", domain: domain, authorization: .webhook(Webhook(userID: "1", code: nil)))
    }

    public static var profile: Profile {
        var p = Profile(name: "demo-dubai", region: .dubai, account: domain.description)
        p.callGear.channels = [
            ChatChannel(id: "111", name: "WhatsApp Web 111", type: "whatsapp"),
            ChatChannel(id: "35", name: "Telegram bot 35", type: "telegram"),
            ChatChannel(id: "7", name: "Чат на сайте", type: "comagic"),
        ]
        p.callGear.sites = ["example.ae"]
        p.callGear.groups = ["Отдел продаж"]
        let whatsapp = Condition(anyOf: [ConditionGroup(allOf: [Clause(.chatChannelName, .allow, ["WhatsApp Web 111"])])])
        p.chats = CommunicationSettings(
            enabled: true, channels: ["111", "7"], defaultResponsible: "1",
            responsibleRules: [
                ResponsibleRule(
                    condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["example.ae"])])]),
                    responsible: "5")
            ],
            firstContact: ContactHandling(
                create: [.lead, .deal],
                funnels: FunnelSettings(
                    applyCustomStages: true,
                    rules: [
                        FunnelRule(
                            condition: whatsapp,
                            target: StageTarget(leadStage: "IN_PROCESS", dealCategory: "2", dealStage: "C2:NEW"))
                    ],
                    defaults: StageTarget(leadStage: "NEW", dealCategory: "0", dealStage: "NEW"))),
            repeatedContact: ContactHandling(create: [.activity]),
            commentPriority: .toDeals, createOn: .chatStart, notifyOnCreate: true)
        p.offline = CommunicationSettings(
            enabled: true, defaultResponsible: "1", firstContact: ContactHandling(create: [.lead]),
            commentPriority: .toLeads, createOn: .chatEnd)
        p.other = OtherSettings(
            templatesEnabled: true,
            templates: [
                NameTemplate(
                    eventType: .chat, text: "Чат {{chat_channel_name}} — {{visitor_phone_number}} ({{communication_id}})"),
                NameTemplate(eventType: .offline, text: "Заявка с {{site_domain_name}}: {{form_name}}"),
            ],
            fieldMappingEnabled: true,
            fieldMappings: [FieldMapping(source: "utm_source", entity: .lead, field: "UTM_SOURCE")],
            addToClosed: true)
        return p
    }
}
