import Bitrix24
import Routing
import SetupModel

/// "Will this profile work on this portal?" — every reason a chat or request would not reach
/// the CRM that can be seen beforehand, line by line, each with what it concerns and a fix.
/// Pure: the catalog, what one extra batch read (`ReadinessFacts`) and the CallGear
/// channels' statuses in, the checklist out.
public enum ReadinessCheck {
    public enum Status: String, Sendable, Codable { case ok, warning, failure }

    public struct Line: Sendable, Equatable, Codable {
        public var status: Status
        /// The setting (document path) or portal object the line concerns.
        public var subject: String
        public var text: String
        public var fix: String?

        public init(status: Status, subject: String, text: String, fix: String? = nil) {
            self.status = status
            self.subject = subject
            self.text = text
            self.fix = fix
        }

        /// A line about a setting: its path for scripts, its catalog label for people.
        public init(status: Status, subject: SettingPath, text: String, fix: String? = nil) {
            self.init(status: status, subject: subject.description, text: text, fix: fix)
        }

        /// What a person reads: the setting's labels, or the portal object as named.
        public var subjectLabel: String {
            guard let path = SettingPath(parsing: subject), SettingsCatalog.owner(of: path) != nil else {
                return Self.russianSubject(subject) ?? subject
            }
            return SettingsCatalog.trail(of: path)
        }

        public var symbol: String {
            switch status {
            case .ok: "✓"
            case .warning: "⚠"
            case .failure: "✗"
            }
        }

        /// "✗ chats.defaultResponsible: … — fix: …"
        public var display: String {
            "\(symbol) \(text)  [\(subjectLabel)]" + (fix.map { tr("\n    fix: ", ru: "\n    что сделать: ") + $0 } ?? "")
        }

        /// The portal objects' subjects stay English for scripts (`--json`); a person
        /// reading Russian gets them in Russian.
        static func russianSubject(_ subject: String) -> String? {
            guard Language.current == .ru, subject.hasPrefix("portal: ") else { return nil }
            var rest = String(subject.dropFirst("portal: ".count))
            let words = [
                ("CRM mode", "режим CRM"), ("webhook user", "пользователь вебхука"), ("Open Channels", "открытые линии"),
                ("Open Channel", "открытая линия"), ("operating time", "время работы методов"), ("lead field", "поле лида"),
                ("deal field", "поле сделки"), ("contact field", "поле контакта"),
            ]
            for (en, ru) in words where rest.hasPrefix(en) {
                rest = ru + rest.dropFirst(en.count)
                break
            }
            return "портал: " + rest
        }
    }

    /// The 480 s of a method's operating time per 10 minutes; beyond half of it, say so.
    public static let operatingLimit = 480.0

    public static func run(
        _ profile: Profile, catalog: PortalCatalog, facts: ReadinessFacts, channels: ChannelStatuses
    ) -> [Line] {
        var lines: [Line] = []
        let names = PortalContext(catalog: catalog).names
        let kinds = CommunicationKind.allCases.filter { profile.settings(for: $0).enabled }

        // Users the profile names.
        var users: [(id: String, path: SettingPath)] = []
        for kind in kinds {
            let settings = profile.settings(for: kind)
            if let user = settings.defaultResponsible { users.append((user, SettingPath.settings(kind).defaultResponsible)) }
            for (i, rule) in settings.responsibleRules.enumerated() {
                users.append((rule.responsible, SettingPath.settings(kind).responsibleRules[i]))
            }
        }
        for (id, path) in users {
            let who =
                facts.users[id].map { "\($0.name) (" + tr("user ", ru: "пользователь ") + "\(id))" } ?? tr(
                    "user ", ru: "пользователь ") + id
            guard let user = facts.users[id] else {
                lines.append(
                    Line(
                        status: .failure, subject: path,
                        text: tr("\(who) does not exist on the portal", ru: "\(who) нет на портале"),
                        fix: tr(
                            "choose an existing employee for this setting",
                            ru: "выберите для этой настройки существующего сотрудника")))
                continue
            }
            if !user.active {
                let text =
                    user.lastLogin == nil
                    ? tr(
                        "\(who) was invited but never signed in: records cannot be assigned to them",
                        ru: "\(who) приглашён, но ни разу не входил: назначить ему записи нельзя")
                    : tr(
                        "\(who) is deactivated: records cannot be assigned to them",
                        ru: "\(who) деактивирован: назначить ему записи нельзя")
                lines.append(
                    Line(
                        status: .failure, subject: path, text: text,
                        fix: tr("choose an active employee", ru: "выберите активного сотрудника")))
            } else if user.type != "employee" {
                lines.append(
                    Line(
                        status: .failure, subject: path,
                        text: tr(
                            "\(who) is an \(user.type) user, not an employee: the company's staff would not see their records",
                            ru: "\(who) — пользователь типа \(user.type), не сотрудник: сотрудники компании не увидят его записей"
                        ),
                        fix: tr("choose an employee", ru: "выберите сотрудника")))
            } else {
                lines.append(
                    Line(status: .ok, subject: path, text: tr("\(who) is an active employee", ru: "\(who) — активный сотрудник")))
            }
        }

        // Stages and funnels of new records.
        for kind in kinds {
            let settings = profile.settings(for: kind)
            for repeated in [false, true] {
                let handling = settings.contact(repeated: repeated)
                guard handling.createsLeadOrDeal && handling.funnels.applyCustomStages else { continue }
                let base = SettingPath.settings(kind).contact(repeated: repeated).funnels
                let targets =
                    [(base.defaults, handling.funnels.defaults)]
                    + handling.funnels.rules.enumerated().map { (base.rules[$0], $1.target) }
                for (path, target) in targets {
                    lines += stageLines(target, path: path, handling: handling, catalog: catalog, names: names)
                }
            }
        }

        // What the portal's CRM mode allows.
        let createsLead = kinds.contains { kind in
            let s = profile.settings(for: kind)
            return s.firstContact.createsLead || s.repeatedContact.createsLead
        }
        let createsDeal = kinds.contains { kind in
            let s = profile.settings(for: kind)
            return s.firstContact.createsDeal || s.repeatedContact.createsDeal
        }
        if catalog.crmMode == 2 && createsLead {
            lines.append(
                Line(
                    status: .failure, subject: "portal: CRM mode",
                    text: tr(
                        "the portal is in simple CRM mode: it has no leads, and every lead the profile creates becomes a deal",
                        ru: "портал в простом режиме CRM: лидов нет, и каждый создаваемый профилем лид станет сделкой"),
                    fix: tr(
                        "switch the portal to classic CRM (CRM → Settings → CRM mode), or create deals instead of leads",
                        ru:
                            "переключите портал на классический режим CRM (CRM → Настройки → Режим CRM) или создавайте сделки вместо лидов"
                    )))
        } else {
            lines.append(
                Line(
                    status: .ok, subject: "portal: CRM mode",
                    text: catalog.crmMode == 2
                        ? tr("simple CRM mode: the profile creates no leads", ru: "простой режим CRM: профиль не создаёт лидов")
                        : tr("classic CRM: leads and deals", ru: "классический режим CRM: лиды и сделки"))
            )
        }

        // Mapped fields, and required fields nobody fills.
        let mappings = profile.other.fieldMappingEnabled ? profile.other.fieldMappings : []
        for (i, mapping) in mappings.enumerated() {
            lines.append(fieldLine(mapping, path: SettingPath.other.fieldMappings[i], catalog: catalog))
        }
        var created: [CRMEntity] = []
        if createsLead { created.append(.lead) }
        if createsDeal { created += [.deal, .contact] }
        for entity in created {
            for (code, label) in (facts.requiredFields[entity.rawValue] ?? [:]).sorted(by: { $0.key < $1.key })
            where !mappings.contains(where: { $0.entity == entity && $0.field == code }) {
                lines.append(
                    Line(
                        status: .failure, subject: "portal: \(entity.rawValue) field \(code)",
                        text:
                            tr(
                                "the portal requires the \(entity.rawValue) field «\(label)» (\(code)) and no mapping fills it: it refuses every new \(entity.rawValue)",
                                ru:
                                    "портал требует поле «\(label)» (\(code)) у сущности «\(entity.noun)», и ни одно сопоставление его не заполняет: портал отклонит каждую новую запись"
                            ),
                        fix: tr(
                            "map a source into it (Other settings → Field mapping), or make it optional in the portal",
                            ru:
                                "сопоставьте с ним источник (Другие настройки → Сопоставление полей) или сделайте его необязательным на портале"
                        )))
            }
        }

        // Whose eyes the look-ups use.
        if catalog.currentUserIsAdmin {
            lines.append(
                Line(
                    status: .ok, subject: "portal: webhook user",
                    text: tr(
                        "the webhook's user \(catalog.currentUserID) is an administrator: look-ups see every record",
                        ru: "пользователь вебхука \(catalog.currentUserID) — администратор: поиск видит все записи")))
        } else {
            lines.append(
                Line(
                    status: .warning, subject: "portal: webhook user",
                    text:
                        tr(
                            "the webhook's user \(catalog.currentUserID) is not an administrator: look-ups see only the records they may read, so a repeated contact may look new",
                            ru:
                                "пользователь вебхука \(catalog.currentUserID) не администратор: поиск видит только доступные ему записи, и повторное обращение может выглядеть новым"
                        ),
                    fix: tr("make the webhook as an administrator", ru: "создайте вебхук от имени администратора")))
        }

        // Open Channels creating CRM records too.
        if let openLines = facts.openLines {
            let creating = openLines.filter { $0.createsCRM != nil }
            if creating.isEmpty {
                lines.append(
                    Line(
                        status: .ok, subject: "portal: Open Channels",
                        text: tr(
                            "no Open Channel creates CRM records from chats",
                            ru: "ни одна открытая линия не создаёт записи CRM из чатов")))
            }
            for line in creating {
                lines.append(
                    Line(
                        status: .warning, subject: "portal: Open Channel «\(line.name)»",
                        text:
                            tr(
                                "the Open Channel «\(line.name)» also creates \(line.createsCRM ?? "CRM records") from chats: a chat connected to both makes duplicates",
                                ru:
                                    "открытая линия «\(line.name)» тоже создаёт из чатов \(line.createsCRM ?? "записи CRM"): чат, подключённый к обеим, даст дубли"
                            ),
                        fix: tr(
                            "turn off CRM creation in the Open Channel's settings, or do not connect the same chats to it",
                            ru: "выключите создание в CRM в настройках открытой линии или не подключайте к ней те же чаты")))
            }
        } else {
            lines.append(
                Line(
                    status: .warning, subject: "portal: Open Channels",
                    text: tr(
                        "could not check Open Channels: the scope imopenlines is missing",
                        ru: "открытые линии не проверены: нет права imopenlines"),
                    fix: tr(
                        "tick imopenlines for the webhook to have this checked",
                        ru: "отметьте imopenlines у вебхука, чтобы это проверялось")))
        }

        // The portal's operating-time budget.
        if let used = facts.operatingSeconds {
            let share = used / operatingLimit
            lines.append(
                Line(
                    status: share >= 0.5 ? .warning : .ok, subject: "portal: operating time",
                    text:
                        tr(
                            "\(Int(used.rounded())) s of the \(Int(operatingLimit)) s a method may run per 10 minutes are used",
                            ru:
                                "использовано \(Int(used.rounded())) с из \(Int(operatingLimit)) с, что метод может работать за 10 минут"
                        )
                        + (share >= 0.5
                            ? tr(
                                ": the portal may soon block methods for a while",
                                ru: ": портал может скоро временно заблокировать методы") : ""),
                    fix: share >= 0.5
                        ? tr(
                            "find the tool that loads the portal (other integrations, imports) and slow it down",
                            ru: "найдите, что нагружает портал (другие интеграции, импорт), и замедлите это") : nil
                ))
        }

        // The CallGear side.
        let ticked = profile.chats.enabled ? profile.chats.channels : []
        switch channels {
        case .read(let statuses):
            for id in ticked {
                let name = profile.callGear.channels.first { $0.id == id }.map { "«\($0.name)» (\(id))" } ?? id
                switch statuses[id] {
                case "active"?:
                    lines.append(
                        Line(
                            status: .ok, subject: SettingPath.chats.channels,
                            text: tr("the channel \(name) is active in CallGear", ru: "канал \(name) активен в CallGear")))
                case let status?:
                    lines.append(
                        Line(
                            status: .failure, subject: SettingPath.chats.channels,
                            text: tr(
                                "the channel \(name) is \(status) in CallGear: its chats never arrive",
                                ru: "канал \(name) в CallGear в состоянии \(status): его чаты не придут"),
                            fix: tr(
                                "reconnect it in the CallGear cabinet, or untick it",
                                ru: "переподключите его в кабинете CallGear или снимите отметку")))
                case nil:
                    lines.append(
                        Line(
                            status: .failure, subject: SettingPath.chats.channels,
                            text: tr(
                                "the channel \(name) no longer exists in the CallGear account",
                                ru: "канала \(name) больше нет в аккаунте CallGear"),
                            fix: tr(
                                "untick it and tick the channel that replaced it",
                                ru: "снимите отметку и отметьте канал, который его заменил")))
                }
            }
        case .noKey where !ticked.isEmpty:
            lines.append(
                Line(
                    status: .warning, subject: SettingPath.callGear.dataAPIKey,
                    text: tr(
                        "could not check the CallGear channels: no Data API key is set",
                        ru: "каналы CallGear не проверены: не задан ключ Data API"),
                    fix: tr(
                        "set the Data API key (Other settings) to have the channels checked",
                        ru: "задайте ключ Data API (Другие настройки), чтобы каналы проверялись")))
        case .unreadable(let reason) where !ticked.isEmpty:
            lines.append(
                Line(
                    status: .warning, subject: SettingPath.callGear.dataAPIKey,
                    text: tr("could not check the CallGear channels: \(reason)", ru: "каналы CallGear не проверены: \(reason)")))
        case .noKey, .unreadable:
            break
        }
        return lines
    }

    /// What the Data API said of the account's chat channels.
    public enum ChannelStatuses: Sendable {
        /// Channel ID → status (active, inactive, deleted, …).
        case read([String: String])
        case noKey
        /// The Data API could not be asked; the reason in words.
        case unreadable(String)
    }

    /// ✓ for an open stage, ✗ for a final one: a new record must not start closed.
    static func openStageLine(_ stage: PortalCatalog.Stage, path: SettingPath, what: String, openText: String) -> Line {
        stage.semantics == .open
            ? Line(status: .ok, subject: path, text: "\(what) \(openText)")
            : Line(
                status: .failure, subject: path,
                text: tr(
                    "\(what) is a final stage: a new record would start closed",
                    ru: "\(what) — финальная стадия: новая запись сразу будет закрыта"),
                fix: tr("choose an open stage", ru: "выберите открытую стадию"))
    }

    static func stageLines(
        _ target: StageTarget, path: SettingPath, handling: ContactHandling, catalog: PortalCatalog, names: PortalNames
    ) -> [Line] {
        var lines: [Line] = []
        if handling.createsLead, let stage = target.leadStage {
            if let found = catalog.leadStages.first(where: { $0.id == stage }) {
                lines.append(
                    openStageLine(
                        found, path: path, what: tr("lead stage ", ru: "стадия лида ") + names.leadStage(stage),
                        openText: tr("is an open stage", ru: "— открытая стадия")))
            } else {
                lines.append(
                    Line(
                        status: .failure, subject: path,
                        text: tr("lead stage \(stage) does not exist on the portal", ru: "стадии лида \(stage) нет на портале"),
                        fix: tr("choose a stage from the list", ru: "выберите стадию из списка")))
            }
        }
        if handling.createsDeal {
            let funnelID = target.dealCategory ?? "0"
            guard let funnel = catalog.funnels.first(where: { $0.id == funnelID }) else {
                return lines + [
                    Line(
                        status: .failure, subject: path,
                        text: tr("funnel \(funnelID) does not exist on the portal", ru: "воронки \(funnelID) нет на портале"),
                        fix: tr("choose a funnel from the list", ru: "выберите воронку из списка"))
                ]
            }
            guard let stage = target.dealStage else { return lines }
            if let found = funnel.stages.first(where: { $0.id == stage }) {
                lines.append(
                    openStageLine(
                        found, path: path,
                        what: tr("deal stage ", ru: "стадия сделки ") + names.dealStage(stage, funnel: funnelID),
                        openText: tr(
                            "belongs to \(names.funnel(funnelID)) and is open", ru: "— из: \(names.funnel(funnelID)), открытая")))
            } else if let other = catalog.funnels.first(where: { $0.stages.contains { $0.id == stage } }) {
                lines.append(
                    Line(
                        status: .failure, subject: path,
                        text: tr(
                            "deal stage \(stage) belongs to \(names.funnel(other.id)), not to \(names.funnel(funnelID))",
                            ru: "стадия сделки \(stage) — из: \(names.funnel(other.id)), а не \(names.funnel(funnelID))"),
                        fix: tr("choose a stage of the funnel", ru: "выберите стадию этой воронки")))
            } else {
                lines.append(
                    Line(
                        status: .failure, subject: path,
                        text: tr("deal stage \(stage) does not exist on the portal", ru: "стадии сделки \(stage) нет на портале"),
                        fix: tr("choose a stage from the list", ru: "выберите стадию из списка")))
            }
        }
        return lines
    }

    /// A mapped field: it exists, can be written, and takes text from the source.
    static func fieldLine(_ mapping: FieldMapping, path: SettingPath, catalog: PortalCatalog) -> Line {
        let entity = mapping.entity.rawValue
        guard let field = catalog.fields[entity]?.first(where: { $0.code == mapping.field }) else {
            return Line(
                status: .failure, subject: path,
                text: tr(
                    "the \(entity) field \(mapping.field) does not exist on the portal",
                    ru: "поля \(mapping.field) (\(mapping.entity.noun)) нет на портале"),
                fix: tr("choose a field from the list", ru: "выберите поле из списка"))
        }
        // The same check the console's picker makes: one rule, one reason.
        switch FieldCompatibility.check(source: mapping.source, value: mapping.value, into: field) {
        case .fits:
            let what = mapping.value.map { id in field.items?.first { $0.id == id }.map { "«\($0.name)»" } ?? id }
            return Line(
                status: .ok, subject: path,
                text: tr(
                    "the \(entity) field «\(field.label)» (\(field.code)) takes \(what ?? mapping.source)",
                    ru: "поле «\(field.label)» (\(field.code), \(mapping.entity.noun)) получает \(what ?? mapping.source)"))
        case .caution(let reason):
            return Line(
                status: .warning, subject: path, text: reason,
                fix: tr("map into a text field to keep all of it", ru: "сопоставьте с текстовым полем, чтобы сохранить всё"))
        case .refused(let reason):
            return Line(
                status: .failure, subject: path, text: reason,
                fix: tr(
                    "choose another field in Other settings → Field mapping",
                    ru: "выберите другое поле в «Другие настройки → Сопоставление полей»"))
        }
    }
}

/// What the readiness check reads besides the catalog, in one batch: the users the profile
/// names (any state or type), the portal's required user fields, its Open Channels.
public struct ReadinessFacts: Sendable, Equatable {
    public struct User: Sendable, Equatable {
        public var name: String
        public var active: Bool
        public var type: String
        public var lastLogin: String?
        public init(name: String, active: Bool, type: String, lastLogin: String?) {
            self.name = name
            self.active = active
            self.type = type
            self.lastLogin = lastLogin
        }
    }

    public struct OpenLine: Sendable, Equatable {
        public var name: String
        /// "lead", "deal"… when it creates CRM records from chats; nil when it does not.
        public var createsCRM: String?
    }

    public var users: [String: User] = [:]
    /// Entity → required user field code → label.
    public var requiredFields: [String: [String: String]] = [:]
    /// nil: could not be read (no imopenlines scope).
    public var openLines: [OpenLine]?
    /// The highest `time.operating` seen, in seconds.
    public var operatingSeconds: Double?

    public init() {}
}

/// Reads `ReadinessFacts` in one request.
public struct ReadinessGatherer: Sendable {
    let client: PortalClient

    public init(client: PortalClient) {
        self.client = client
    }

    public func gather(for profile: Profile, catalog: PortalCatalog) async throws(PortalError) -> ReadinessFacts {
        let userIDs = Set(
            CommunicationKind.allCases.flatMap { kind -> [String] in
                let s = profile.settings(for: kind)
                return (s.defaultResponsible.map { [$0] } ?? []) + s.responsibleRules.map(\.responsible)
            })
        var commands: [BatchCommand] = []
        if !userIDs.isEmpty {
            commands.append(
                BatchCommand(
                    "users", "user.get", [("FILTER", .map([("ID", .list(userIDs.sorted().map { .string($0) }))]))]))
        }
        for entity in ["lead", "deal", "contact"] {
            commands.append(
                BatchCommand("uf_\(entity)", "crm.\(entity).userfield.list", [("filter", .map([("MANDATORY", .string("Y"))]))]))
        }
        let hasOpenLines = catalog.scopes.contains("imopenlines")
        if hasOpenLines { commands.append(BatchCommand("lines", "imopenlines.config.list.get")) }
        let answer = try await client.batch(commands)
        var facts = ReadinessFacts()
        for row in answer.results["users"]?.items ?? [] {
            guard let id = row.string("ID") else { continue }
            let name = [row.string("NAME"), row.string("LAST_NAME")].compactMap { $0 }.filter { !$0.isEmpty }.joined(
                separator: " ")
            facts.users[id] = ReadinessFacts.User(
                name: name, active: row.bool("ACTIVE"), type: row.string("USER_TYPE") ?? "employee",
                lastLogin: row.string("LAST_LOGIN").flatMap { $0.isEmpty ? nil : $0 })
        }
        for entity in ["lead", "deal", "contact"] {
            for row in answer.results["uf_\(entity)"]?.items ?? [] where row.string("MANDATORY") == "Y" {
                guard let code = row.string("FIELD_NAME") else { continue }
                facts.requiredFields[entity, default: [:]][code] =
                    row.string("EDIT_FORM_LABEL") ?? row.string("LIST_COLUMN_LABEL") ?? code
            }
        }
        if hasOpenLines, answer.errors["lines"] == nil {
            facts.openLines = (answer.results["lines"]?.items ?? []).map { row in
                let create = row.string("CRM") == "Y" ? row.string("CRM_CREATE") : nil
                return ReadinessFacts.OpenLine(
                    name: row.string("LINE_NAME") ?? row.string("ID") ?? "?", createsCRM: create == "none" ? nil : create)
            }
        }
        facts.operatingSeconds = answer.operating
        return facts
    }
}
