/// The catalog's entries for "Other settings" (filters, templates, field mapping, closed
/// entities) and for the account form.
extension SettingsCatalog {
    static func otherEntries() -> [SettingDefinition] {
        let o = SettingPath.other
        let template = o.templates[0].pattern
        let mapping = o.fieldMappings[0].pattern
        @Sendable func hasTemplate(_ p: Profile, _ i: [Int]) -> Bool {
            i.count == 1 && p.other.templates.indices.contains(i[0])
        }
        @Sendable func hasMapping(_ p: Profile, _ i: [Int]) -> Bool {
            i.count == 1 && p.other.fieldMappings.indices.contains(i[0])
        }
        return [
            def(
                o.filterEnabled, "Filter enable", ru: "Включить фильтр",
                hint: hint("Without a filter, everything is sent.", ru: "Без фильтра передаётся всё."), section: .other,
                kind: .toggle, read: { p, _ in .toggle(p.other.filterEnabled) },
                write: { p, _, v in if case .toggle(let b) = v { p.other.filterEnabled = b } }),
            def(
                o.chatFilter, "Chats filter", ru: "Фильтр чатов",
                hint: hint(
                    "Only chats for which it holds are carried over (while the filter is enabled).",
                    ru: "Передаются только чаты, для которых условие выполнено (когда фильтр включён)."),
                section: .other, kind: .condition, read: { p, _ in .entries(p.other.chatFilter.anyOf.count) }),
            def(
                o.offlineFilter, "Offline messages filter", ru: "Фильтр офлайн-заявок",
                hint: hint(
                    "Only offline requests for which it holds are carried over (while the filter is enabled).",
                    ru: "Передаются только офлайн-заявки, для которых условие выполнено (когда фильтр включён)."),
                section: .other, kind: .condition, read: { p, _ in .entries(p.other.offlineFilter.anyOf.count) }),
            def(
                o.templatesEnabled, "Enable CRM entity name templates", ru: "Включить шаблоны названий сущностей CRM",
                hint: hint(
                    "Leads and deals are titled by the template of their event type.",
                    ru: "Лиды и сделки получают названия по шаблону своего типа события."),
                section: .other, kind: .toggle, read: { p, _ in .toggle(p.other.templatesEnabled) },
                write: { p, _, v in if case .toggle(let b) = v { p.other.templatesEnabled = b } }),
            def(
                o.templates, "Entity name templates", ru: "Шаблоны названий сущностей",
                hint: hint("One template per event type.", ru: "Один шаблон на тип события."), section: .other,
                kind: .entries, read: { p, _ in .entries(p.other.templates.count) }),
            def(
                template, "Template", ru: "Шаблон",
                hint: hint(
                    "The title of leads and deals of one event type.",
                    ru: "Название лидов и сделок одного типа события."), section: .other, kind: .entry,
                read: { p, i in hasTemplate(p, i) ? .entries(1) : nil }),
            def(
                template.eventType, "Event type", ru: "Тип события",
                hint: hint("Chat or offline message: one template each.", ru: "Чат или офлайн-заявка: по одному шаблону."),
                section: .other, required: true,
                kind: .choice(CommunicationKind.allCases.map { ChoiceOption($0.rawValue, $0.localized) }),
                read: { p, i in hasTemplate(p, i) ? .choice(p.other.templates[i[0]].eventType.rawValue) : nil },
                write: { p, i, v in
                    if case .choice(let raw) = v, let k = CommunicationKind(rawValue: raw) {
                        p.other.templates[i[0]].eventType = k
                    }
                }),
            def(
                template.text, "Template", ru: "Шаблон",
                hint: hint(
                    "While editing: Ctrl-V inserts a variable from a searchable list; Ctrl-R restores the last saved text.",
                    ru:
                        "При вводе: Ctrl-V вставляет переменную из списка с поиском; Ctrl-R возвращает последний сохранённый текст."
                ), section: .other, required: true, kind: .text(masked: false),
                read: { p, i in hasTemplate(p, i) ? .text(p.other.templates[i[0]].text) : nil },
                write: { p, i, v in if case .text(let t) = v { p.other.templates[i[0]].text = t } }),
            def(
                o.fieldMappingEnabled, "Add additional fields into entities", ru: "Добавлять дополнительные поля в сущности",
                hint: hint(
                    "Copies CallGear communication fields into Bitrix24 fields by the mappings below.",
                    ru: "Копирует поля коммуникации CallGear в поля Битрикс24 по сопоставлениям ниже."),
                section: .other, kind: .toggle, read: { p, _ in .toggle(p.other.fieldMappingEnabled) },
                write: { p, _, v in if case .toggle(let b) = v { p.other.fieldMappingEnabled = b } }),
            def(
                o.fieldMappings, "Field mapping", ru: "Сопоставление полей",
                hint: hint(
                    "Each mapping copies one CallGear field into one Bitrix24 field.",
                    ru: "Каждое сопоставление копирует одно поле CallGear в одно поле Битрикс24."),
                section: .other, kind: .entries,
                read: { p, _ in .entries(p.other.fieldMappings.count) }),
            def(
                mapping, "Mapping", ru: "Сопоставление",
                hint: hint(
                    "A CallGear field, the Bitrix24 entity and field it goes into, and when.",
                    ru: "Поле CallGear, сущность и поле Битрикс24, куда оно попадает, и когда."),
                section: .other, kind: .entry,
                read: { p, i in hasMapping(p, i) ? .entries(1) : nil }),
            def(
                mapping.source, "DataAPI field", ru: "Поле DataAPI",
                hint: hint(
                    "The communication's field: visitor, channel, site, UTM, or a custom field of an offline form.",
                    ru: "Поле коммуникации: посетитель, канал, сайт, UTM или своё поле офлайн-формы."),
                section: .other, required: true, kind: .variable,
                read: { p, i in hasMapping(p, i) ? .reference(p.other.fieldMappings[i[0]].source.nilIfEmpty) : nil },
                write: { p, i, v in if case .reference(let id) = v { p.other.fieldMappings[i[0]].source = id ?? "" } }),
            def(
                mapping.entity, "Bitrix24 entity", ru: "Сущность Битрикс24",
                hint: hint(
                    "Lead, deal, contact or company. Another entity clears the field: fields belong to one entity.",
                    ru: "Лид, сделка, контакт или компания. Другая сущность сбрасывает поле: поля принадлежат одной сущности."),
                section: .other, required: true,
                kind: .choice(CRMEntity.allCases.map { ChoiceOption($0.rawValue, $0.localized) }),
                read: { p, i in hasMapping(p, i) ? .choice(p.other.fieldMappings[i[0]].entity.rawValue) : nil },
                write: { p, i, v in
                    guard case .choice(let raw) = v, let entity = CRMEntity(rawValue: raw) else { return }
                    // A field belongs to one entity: another entity clears it (and its list value).
                    if p.other.fieldMappings[i[0]].entity != entity {
                        p.other.fieldMappings[i[0]].field = ""
                        p.other.fieldMappings[i[0]].value = nil
                    }
                    p.other.fieldMappings[i[0]].entity = entity
                }),
            def(
                mapping.field, "Bitrix24 field", ru: "Поле Битрикс24",
                hint: hint(
                    "The portal's real fields, user fields (UF_CRM_…) included; read-only ones are refused.",
                    ru: "Настоящие поля портала, включая пользовательские (UF_CRM_…); поля только для чтения не принимаются."),
                section: .other, required: true, kind: .crmField,
                read: { p, i in hasMapping(p, i) ? .reference(p.other.fieldMappings[i[0]].field.nilIfEmpty) : nil },
                write: { p, i, v in
                    guard case .reference(let id) = v else { return }
                    // A list value belongs to one field: another field clears it.
                    if p.other.fieldMappings[i[0]].field != id ?? "" { p.other.fieldMappings[i[0]].value = nil }
                    p.other.fieldMappings[i[0]].field = id ?? ""
                }),
            def(
                mapping.value, "List value", ru: "Значение списка",
                hint: hint(
                    "A list (enumeration) field takes one of its values: the one chosen here is written, whatever the source holds.",
                    ru: "Поле-список принимает одно из своих значений: записывается выбранное здесь, что бы ни было в источнике."
                ), section: .other, kind: .listValue,
                read: { p, i in hasMapping(p, i) ? .reference(p.other.fieldMappings[i[0]].value) : nil },
                write: { p, i, v in if case .reference(let id) = v { p.other.fieldMappings[i[0]].value = id } }),
            def(
                mapping.update, "Update", ru: "Обновление",
                hint: hint(
                    "On creation only, or again on every communication (the field follows the latest value).",
                    ru: "Только при создании или при каждой коммуникации (поле получает последнее значение)."),
                section: .other,
                kind: .choice([
                    ChoiceOption(MappingUpdate.onCreate.rawValue, Localized("On creation only", ru: "Только при создании")),
                    ChoiceOption(
                        MappingUpdate.always.rawValue, Localized("On every communication", ru: "При каждой коммуникации")),
                ]),
                read: { p, i in hasMapping(p, i) ? .choice(p.other.fieldMappings[i[0]].update.rawValue) : nil },
                write: { p, i, v in
                    if case .choice(let raw) = v, let u = MappingUpdate(rawValue: raw) { p.other.fieldMappings[i[0]].update = u }
                }),
            def(
                o.addToClosed, "Add data to closed leads/deals", ru: "Добавлять данные в закрытые лиды/сделки",
                hint: hint(
                    "Open and closed found: the latest open one gets the comment. All closed and nothing to create: the latest closed one.",
                    ru:
                        "Найдены открытые и закрытые: комментарий получает последняя открытая. Все закрыты и создавать нечего: последняя закрытая."
                ), section: .other, kind: .toggle, read: { p, _ in .toggle(p.other.addToClosed) },
                write: { p, _, v in if case .toggle(let b) = v { p.other.addToClosed = b } }),
        ]
    }

    /// The account form edits a draft, not a profile: these entries carry labels and hints
    /// only; the form binds them to the draft.
    static func accountFormEntries() -> [SettingDefinition] {
        typealias F = SettingPath.AccountForm
        func field(
            _ path: SettingPath, _ en: String, ru: String, hint: Localized, required: Bool = false,
            kind: SettingKind = .text(masked: false)
        ) -> SettingDefinition {
            def(path, en, ru: ru, hint: hint, section: .accounts, required: required, kind: kind, read: { _, _ in nil })
        }
        return [
            field(
                F.name, "Name", ru: "Название",
                hint: hint(
                    "Optional: how the portal is listed (its name, for example).",
                    ru: "Необязательно: как портал показывается в списке (например, его название).")),
            field(
                F.domain, "Bitrix24 portal domain", ru: "Домен портала Битрикс24",
                hint: hint(
                    "Your portal's address: https://xxx.bitrix24.ru/.", ru: "Адрес вашего портала: https://xxx.bitrix24.ru/."),
                required: true),
            field(
                F.authKind, "Authorisation", ru: "Авторизация",
                hint: hint(
                    "An incoming webhook for this console, or the keys of an OAuth application.",
                    ru: "Входящий вебхук для этой консоли или ключи приложения OAuth."),
                kind: .choice([
                    ChoiceOption("webhook", Localized("Incoming webhook", ru: "Входящий вебхук")),
                    ChoiceOption("oauth", Localized("OAuth application", ru: "Приложение OAuth")),
                ])),
            field(
                F.webhookURL, "Webhook URL", ru: "Адрес вебхука",
                hint: hint(
                    "Bitrix24 → Developer resources → Other → Incoming webhook; tick crm, user, department and im.",
                    ru: "Битрикс24 → Разработчикам → Другое → Входящий вебхук; отметьте crm, user, department и im."),
                required: true, kind: .text(masked: true)),
            field(
                F.clientID, "Client id", ru: "Client id",
                hint: hint("The OAuth application's client_id (app.…).", ru: "client_id приложения OAuth (app.…)."),
                required: true),
            field(
                F.clientSecret, "Client secret", ru: "Client secret",
                hint: hint(
                    "The application's client_secret; stored, never shown.",
                    ru: "client_secret приложения; хранится, не показывается."),
                kind: .text(masked: true)),
            field(
                F.accessToken, "Access token", ru: "Access token",
                hint: hint("The current access token; renewed by itself.", ru: "Текущий access token; обновляется сам."),
                kind: .text(masked: true)),
            field(
                F.refreshToken, "Refresh token", ru: "Refresh token",
                hint: hint("Renews the access token when it expires.", ru: "Обновляет access token, когда он истекает."),
                kind: .text(masked: true)),
            field(
                F.oauthServer, "OAuth server", ru: "Сервер OAuth",
                hint: hint(
                    "Where the keys are renewed: the portal's server_endpoint without /rest/ (https://oauth.bitrix.info/ for cloud portals, the portal itself when self-hosted).",
                    ru:
                        "Где обновляются ключи: server_endpoint портала без /rest/ (https://oauth.bitrix.info/ для облачных порталов, сам портал — для коробочных)."
                )),
        ]
    }
}
