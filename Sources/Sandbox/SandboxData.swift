/// What a sandbox portal holds. Seeds are deterministic, so tests and the demo always see
/// the same portal.
public struct SandboxData: Sendable {
    public struct User: Sendable {
        public var id: Int
        public var name: String
        public var lastName: String
        public var email: String
        public var active: Bool
    }

    public struct Status: Sendable {
        public var entityID: String
        public var statusID: String
        public var name: String
        public var sort: Int
        /// "S" success, "F" failure, nil in progress — as crm.status.list's EXTRA.SEMANTICS.
        public var semantics: String?
    }

    public var users: [User]
    public var statuses: [Status]

    public init(users: [User], statuses: [Status]) {
        self.users = users
        self.statuses = statuses
    }

    /// A small Russian-language portal: 80 employees, the default lead statuses.
    public static var demo: SandboxData {
        let first = ["Иван", "Мария", "Алексей", "Ольга", "Сергей", "Анна", "Дмитрий", "Елена", "Пётр", "Наталья"]
        let last = ["Иванов", "Смирнова", "Кузнецов", "Попова", "Васильев", "Соколова", "Михайлов", "Новикова"]
        let users = (1...80).map { i in
            User(
                id: i, name: first[i % first.count], lastName: last[i % last.count], email: "user\(i)@demo-callgear.ru",
                active: i % 17 != 0)
        }
        return SandboxData(users: users, statuses: leadStatuses)
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
