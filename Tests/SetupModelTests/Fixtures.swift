import SetupModel

/// A complete, valid Latvia profile that uses every block, so round trips touch every field.
enum Fixtures {
    static let domain = try! PortalDomain(parsing: "https://callgeartest.bitrix24.ru/")

    static var account: Account {
        Account(
            name: "Тестовый портал", domain: domain,
            authorization: .webhook(Webhook(userID: "1", code: Secret("abcdef0123456789"))))
    }

    static var profile: Profile {
        var p = Profile(name: "latvia-main", region: .latvia, account: domain.description)
        p.callGear = CallGearSettings(
            dataAPIKey: Secret("key-0123456789abcdef"),
            channels: [
                ChatChannel(id: "111", name: "WhatsApp Web 111", type: "whatsapp"),
                ChatChannel(id: "35", name: "Telegram bot 35", type: "telegram"),
            ],
            sites: ["example.com"], groups: ["Продажи"], offlineFields: ["company_size"])
        p.chats = CommunicationSettings(
            enabled: true, channels: ["111"], defaultResponsible: "1",
            responsibleRules: [
                ResponsibleRule(
                    condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["example.com"])])]),
                    responsible: "7")
            ],
            firstContact: ContactHandling(
                create: [.lead, .deal],
                funnels: FunnelSettings(
                    applyCustomStages: true,
                    rules: [
                        FunnelRule(
                            condition: Condition(anyOf: [
                                ConditionGroup(allOf: [Clause(.chatChannelName, .allow, ["WhatsApp Web 111"])])
                            ]),
                            target: StageTarget(leadStage: "IN_PROCESS", dealCategory: "3", dealStage: "C3:NEW"))
                    ],
                    defaults: StageTarget(leadStage: "NEW", dealCategory: "0", dealStage: "NEW"))),
            repeatedContact: ContactHandling(create: [.activity]),
            commentPriority: .toDeals, createOn: .chatEnd, copyCommentsToContact: true, notifyOnCreate: true)
        p.offline = CommunicationSettings(
            enabled: true, defaultResponsible: "1", firstContact: ContactHandling(create: [.lead]),
            commentPriority: .toLeads, createOn: .chatEnd)
        p.other = OtherSettings(
            filterEnabled: true,
            chatFilter: Condition(anyOf: [ConditionGroup(allOf: [Clause(.tag, .forbid, ["spam"])])]),
            templatesEnabled: true,
            templates: [NameTemplate(eventType: .chat, text: "Чат {{chat_channel_name}} {{visitor_phone_number}}")],
            fieldMappingEnabled: true,
            fieldMappings: [FieldMapping(source: "utm_source", entity: .lead, field: "UF_CRM_UTM", update: .always)],
            addToClosed: true)
        p.integrationActive = true
        return p
    }
}
