import Foundation

/// What a sandbox portal holds. Seeds are deterministic, so tests and the demo always see
/// the same portal.
public struct SandboxData: Sendable {
    public struct User: Sendable {
        public var id: Int
        public var name: String
        public var lastName: String
        public var email: String
        public var active: Bool
        /// employee, extranet or email.
        public var userType = "employee"
        /// nil: never signed in (an invitation not accepted).
        public var lastLogin: String? = "2026-11-01T09:00:00+03:00"

        public init(
            id: Int, name: String, lastName: String, email: String, active: Bool, userType: String = "employee",
            lastLogin: String? = "2026-11-01T09:00:00+03:00"
        ) {
            self.id = id
            self.name = name
            self.lastName = lastName
            self.email = email
            self.active = active
            self.userType = userType
            self.lastLogin = lastLogin
        }
    }

    /// An Open Channel: `crmCreate` "lead"/"deal" when it creates CRM records from chats.
    public struct OpenLine: Sendable {
        public var id: Int
        public var name: String
        public var crmCreate: String?
        public init(id: Int, name: String, crmCreate: String?) {
            self.id = id
            self.name = name
            self.crmCreate = crmCreate
        }
    }

    public struct Status: Sendable {
        public var entityID: String
        public var statusID: String
        public var name: String
        public var sort: Int
        /// "S" success, "F" failure, nil in progress — as crm.status.list's EXTRA.SEMANTICS.
        public var semantics: String?
    }

    public struct Funnel: Sendable {
        public var id: Int
        public var name: String
        public var sort: Int
    }

    public struct Department: Sendable {
        public var id: Int
        public var name: String
        public var parent: Int?
    }

    public var users: [User]
    /// Lead statuses and every funnel's deal stages (ENTITY_ID DEAL_STAGE, DEAL_STAGE_n).
    public var statuses: [Status]
    public var funnels: [Funnel]
    public var departments: [Department]
    /// User fields per entity ("lead", "deal", "contact", "company"), with their labels.
    public var userFields: [String: [(code: String, label: String, type: String)]]
    /// 1 classic CRM, 2 simple CRM (no leads).
    public var crmMode = 1
    /// Leads, deals, contacts and companies, for routing's look-ups and test applies.
    public var records: [CRMRecord] = []
    /// User fields the portal requires, per entity ("lead" → codes).
    public var mandatoryFields: [String: Set<String>] = [:]
    /// Open Channels; nil: none set up (and no imopenlines scope).
    public var openLines: [OpenLine]?

    public init(
        users: [User], statuses: [Status], funnels: [Funnel]? = nil, departments: [Department]? = nil,
        userFields: [String: [(code: String, label: String, type: String)]] = [:]
    ) {
        self.users = users
        self.statuses = statuses
        self.funnels = funnels ?? [Funnel(id: 0, name: "Общая", sort: 100)]
        self.departments = departments ?? [Department(id: 1, name: "Компания", parent: nil)]
        self.userFields = userFields
    }

    /// Deal stages of funnel `id`: the default funnel's IDs are bare, the others carry the
    /// "C{id}:" prefix and are cut to 21 characters, as real portals store them.
    static func stages(funnel id: Int, names: [(String, String, String?)]) -> [Status] {
        names.enumerated().map { i, stage in
            let raw = id == 0 ? stage.0 : "C\(id):\(stage.0)"
            return Status(
                entityID: id == 0 ? "DEAL_STAGE" : "DEAL_STAGE_\(id)", statusID: String(raw.prefix(21)), name: stage.1,
                sort: (i + 1) * 10, semantics: stage.2)
        }
    }

    static let dealStageNames: [(String, String, String?)] = [
        ("NEW", "Новая", nil), ("PREPARATION", "Подготовка документов", nil), ("PREPAYMENT_INVOICE", "Счёт на предоплату", nil),
        ("EXECUTING", "В работе", nil), ("FINAL_INVOICE", "Финальный счёт", nil), ("WON", "Сделка успешна", "S"),
        ("LOSE", "Сделка провалена", "F"), ("APOLOGY", "Анализ причины провала", "F"),
    ]

    /// A small Russian-language portal: 80 employees, the default lead statuses.
    public static var demo: SandboxData {
        let first = ["Иван", "Мария", "Алексей", "Ольга", "Сергей", "Анна", "Дмитрий", "Елена", "Пётр", "Наталья"]
        let last = ["Иванов", "Смирнова", "Кузнецов", "Попова", "Васильев", "Соколова", "Михайлов", "Новикова"]
        let users = (1...80).map { i in
            User(
                id: i, name: first[i % first.count], lastName: last[i % last.count], email: "user\(i)@demo-callgear.ru",
                active: i % 17 != 0)
        }
        let funnels = [
            Funnel(id: 0, name: "Общая", sort: 100), Funnel(id: 2, name: "Повторные продажи", sort: 200),
            Funnel(id: 3, name: "Опт", sort: 300),
        ]
        let statuses = leadStatuses + funnels.flatMap { stages(funnel: $0.id, names: dealStageNames) }
        let departments = [
            Department(id: 1, name: "Компания", parent: nil), Department(id: 2, name: "Отдел продаж", parent: 1),
            Department(id: 3, name: "Поддержка", parent: 1),
        ]
        let fields: [(code: String, label: String, type: String)] = [
            ("UF_CRM_1700000001", "Источник рекламы", "string"), ("UF_CRM_1700000002", "ID коммуникации", "string"),
            ("UF_CRM_1700000003", "Тип клиента", "enumeration"),
        ]
        var data = SandboxData(
            users: users, statuses: statuses, funnels: funnels, departments: departments,
            userFields: ["lead": fields, "deal": fields, "contact": [], "company": []])
        // Beyond the 80 employees: an extranet user and an invitation never accepted, for the
        // readiness check (the pick lists leave both out).
        data.users.append(
            User(id: 81, name: "Внешний", lastName: "Подрядчик", email: "partner@example.com", active: true, userType: "extranet")
        )
        data.users.append(
            User(
                id: 82, name: "Приглашённый", lastName: "Сотрудник", email: "new@demo-callgear.ru", active: false, lastLogin: nil)
        )
        data.records = demoRecords
        return data
    }

    /// Clients in every situation routing distinguishes: a contact with an open deal, a
    /// closed lead and a won deal; one whose leads and deals are all closed; a lead with no
    /// contact; a company with an open deal; a contact with nothing else.
    static var demoRecords: [CRMRecord] {
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        func record(
            _ kind: CRMRecord.Kind, _ id: Int, _ title: String, daysAgo: Int, assigned: Int, stage: String? = nil,
            category: Int? = nil, contact: Int? = nil, company: Int? = nil, phones: [String] = [], emails: [String] = []
        ) -> CRMRecord {
            var r = CRMRecord(kind: kind, id: id, title: title, created: now.addingTimeInterval(Double(-daysAgo) * 86_400))
            r.assignedByID = assigned
            r.stage = stage
            r.categoryID = category
            r.contactID = contact
            r.companyID = company
            r.phones = phones
            r.emails = emails
            if kind == .contact {
                let parts = title.split(separator: " ")
                r.name = parts.first.map(String.init) ?? title
                r.lastName = parts.dropFirst().joined(separator: " ")
            }
            return r
        }
        return [
            record(
                .contact, 1, "Анна Петрова", daysAgo: 60, assigned: 5, phones: ["+7 999 123-45-67"], emails: ["anna@example.ru"]),
            record(.lead, 1, "Заявка с сайта", daysAgo: 30, assigned: 5, stage: "CONVERTED", contact: 1),
            record(.deal, 1, "Повторная покупка", daysAgo: 10, assigned: 5, stage: "C2:EXECUTING", category: 2, contact: 1),
            record(.deal, 2, "Первая покупка", daysAgo: 40, assigned: 5, stage: "WON", category: 0, contact: 1),
            record(
                .contact, 2, "Борис Сидоров", daysAgo: 50, assigned: 7, phones: ["8 (495) 000-11-22"],
                emails: ["boris@example.ru"]),
            record(.lead, 2, "Звонок", daysAgo: 25, assigned: 7, stage: "JUNK", contact: 2),
            record(.deal, 4, "Отказ", daysAgo: 20, assigned: 7, stage: "LOSE", category: 0, contact: 2),
            record(.lead, 3, "Чат: Виктор", daysAgo: 3, assigned: 12, stage: "IN_PROCESS", phones: ["+79215550000"]),
            record(
                .company, 1, "ООО Ромашка", daysAgo: 90, assigned: 3, phones: ["+7 812 333-44-55"], emails: ["info@romashka.ru"]),
            record(.deal, 3, "Опт: поставка", daysAgo: 5, assigned: 3, stage: "C3:NEW", category: 3, company: 1),
            record(
                .contact, 3, "Галина Орлова", daysAgo: 15, assigned: 9, phones: ["+7 903 777-88-99"],
                emails: ["galina@example.ru"]),
        ]
    }

    /// Names an attacker or a careless admin could give: escape sequences, bidi overrides,
    /// zero-width characters, 300-character names, emoji, CJK.
    public static var hostile: SandboxData {
        var data = demo
        let names = [
            "\u{1B}[2J\u{1B}]0;pwned\u{07}Злой", "admin\u{202E}txt.exe", "Ива\u{200B}н",
            String(repeating: "Длинное имя ", count: 25),
            "👩‍💻 Разработчица", "李小龙", "line\nbreak\rreturn",
        ]
        for i in data.users.indices { data.users[i].name = names[i % names.count] }
        data.statuses[0].name = "\u{1B}[31mКрасный\u{1B}[0m"
        data.funnels[1].name = "Воронка \u{202E}akn"
        return data
    }

    /// The large portal of the budget: 5,000 employees, 60 funnels (IDs 10 and up have
    /// stage IDs cut to 21 characters), 150 user fields per entity, 30 departments.
    public static var large: SandboxData { sized(users: 5_000, funnels: 60) }

    /// Ten times the large portal: 50,000 employees, 600 funnels — where a client that waits
    /// for each page before asking for the next spends its time.
    public static var huge: SandboxData { sized(users: 50_000, funnels: 600) }

    static func sized(users count: Int, funnels funnelCount: Int) -> SandboxData {
        let users = (1...count).map { i in
            User(id: i, name: "Сотрудник", lastName: "№\(i)", email: "e\(i)@large.example", active: i % 50 != 0)
        }
        let funnels = (0..<funnelCount).map { Funnel(id: $0, name: $0 == 0 ? "Общая" : "Воронка \($0)", sort: ($0 + 1) * 10) }
        let statuses = leadStatuses + funnels.flatMap { stages(funnel: $0.id, names: dealStageNames) }
        let departments = (1...30).map { Department(id: $0, name: "Отдел \($0)", parent: $0 == 1 ? nil : 1) }
        var fields: [String: [(code: String, label: String, type: String)]] = [:]
        for entity in ["lead", "deal", "contact", "company"] {
            fields[entity] = (1...150).map {
                ("UF_CRM_\(entity.uppercased())_\($0)", "Поле \($0) (\(entity))", $0 % 10 == 0 ? "enumeration" : "string")
            }
        }
        return SandboxData(users: users, statuses: statuses, funnels: funnels, departments: departments, userFields: fields)
    }

    /// `count` users named "User N", for paging edges.
    public static func users(_ count: Int) -> SandboxData {
        SandboxData(
            users: (0..<count).map {
                User(id: $0 + 1, name: "User", lastName: "\($0 + 1)", email: "u\($0 + 1)@example.com", active: true)
            },
            statuses: leadStatuses)
    }

    static let leadStatuses = [
        Status(entityID: "STATUS", statusID: "NEW", name: "Не обработан", sort: 10, semantics: nil),
        Status(entityID: "STATUS", statusID: "IN_PROCESS", name: "В работе", sort: 20, semantics: nil),
        Status(entityID: "STATUS", statusID: "PROCESSED", name: "Обработан", sort: 30, semantics: nil),
        Status(entityID: "STATUS", statusID: "CONVERTED", name: "Качественный лид", sort: 40, semantics: "S"),
        Status(entityID: "STATUS", statusID: "JUNK", name: "Некачественный лид", sort: 50, semantics: "F"),
    ]
}
