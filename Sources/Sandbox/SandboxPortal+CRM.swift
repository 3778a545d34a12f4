import Foundation

/// The CRM record methods routing needs — look-ups by phone and e-mail, lists, gets, adds,
/// timeline comments and notifications — with the real shapes: integer IDs from `*.add`
/// and `findbycomm`, string IDs in lists, `[]` when nothing is found, CRM errors with an
/// empty `error` code.
extension SandboxPortal {
    func crm(_ method: String, _ p: [String: Any]) -> Outcome? {
        let parts = method.split(separator: ".").map(String.init)
        if method == "crm.duplicate.findbycomm" { return findByCommunication(p) }
        if method == "crm.timeline.comment.add" { return addComment(p) }
        if method == "im.notify.system.add" || method == "im.notify" { return notify(p) }
        if method == "crm.activity.todo.add" { return addActivity(p) }
        guard parts.count == 3, parts[0] == "crm", let kind = CRMRecord.Kind(rawValue: parts[1]) else { return nil }
        switch parts[2] {
        case "add": return add(kind, p)
        case "get": return get(kind, p)
        case "list": return list(kind, p)
        case "update": return update(kind, p)
        default: return nil
        }
    }

    private func findByCommunication(_ p: [String: Any]) -> Outcome {
        guard let type = (p["type"] ?? p["TYPE"]) as? String else {
            return .failure(400, "", "Communication type is not defined.")
        }
        guard type == "PHONE" || type == "EMAIL" else {
            return .failure(400, "", "Communication type '\(type)' is not supported in current context.")
        }
        guard let values = (p["values"] ?? p["VALUES"]) as? [Any], !values.isEmpty else {
            return .failure(400, "", "Communication values is not defined.")
        }
        if values.count > 20 { return .failure(400, "", "Too many communication values (20 at most).") }
        let wanted = Set(values.map { type == "PHONE" ? CRMRecord.normalise(phone: "\($0)") : "\($0)".lowercased() })
        let kinds: [CRMRecord.Kind] =
            ((p["entity_type"] ?? p["ENTITY_TYPE"]) as? String).flatMap { CRMRecord.Kind(rawValue: $0.lowercased()) }
            .map { [$0] } ?? [.lead, .contact, .company]
        var matches: [(kind: CRMRecord.Kind, ids: [Int])] = []
        for kind in kinds {
            let ids = data.records.filter { r in
                r.kind == kind
                    && (type == "PHONE"
                        ? r.phones.contains { wanted.contains(CRMRecord.normalise(phone: $0)) }
                        : r.emails.contains { wanted.contains($0.lowercased()) })
            }.map(\.id)
            // At most 20 IDs of a kind (here the newest: the portal's choice is unconfirmed).
            if !ids.isEmpty { matches.append((kind, Array(ids.sorted(by: >).prefix(Self.findLimit)))) }
        }
        // The portal's cut-off: when one kind has 20 matches, the other kinds are left out.
        if let full = matches.first(where: { $0.ids.count >= Self.findLimit }) { matches = [full] }
        var result: [String: Any] = [:]
        for match in matches { result[match.kind.upperName] = match.ids }
        // Nothing found: PHP's empty array, not an object.
        return Outcome(result: result.isEmpty ? [Any]() : result)
    }

    static let findLimit = 20

    private func add(_ kind: CRMRecord.Kind, _ p: [String: Any]) -> Outcome {
        guard var fields = (p["fields"] ?? p["FIELDS"]) as? [String: Any] else {
            return .failure(400, "", "Parameter 'fields' must be an object.")
        }
        // Simple CRM mode has no leads: the portal turns a new lead into a deal at once.
        if kind == .lead && data.crmMode == 2 {
            fields["STATUS_ID"] = nil
            var deal = add(.deal, ["fields": fields])
            if deal.error == nil { deal.result = (data.records.filter { $0.kind == .lead }.map(\.id).max() ?? 0) + 1_000_001 }
            return deal
        }
        let title = fields["TITLE"].map { "\($0)" } ?? ""
        if kind == .lead && title.isEmpty { return .failure(400, "", "Не заполнено обязательное поле \"Название лида\"") }
        let id = (data.records.filter { $0.kind == kind }.map(\.id).max() ?? 0) + 1
        // The portal keeps whole seconds: records made in one second share DATE_CREATE.
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        var record = CRMRecord(kind: kind, id: id, title: title, created: now)
        record.name = fields["NAME"].map { "\($0)" } ?? ""
        record.lastName = fields["LAST_NAME"].map { "\($0)" } ?? ""
        if kind == .contact && title.isEmpty { record.title = [record.name, record.lastName].joined(separator: " ") }
        if kind == .deal && title.isEmpty { record.title = "Сделка #\(id)" }
        if let user = fields["ASSIGNED_BY_ID"].flatMap({ Int("\($0)") }) {
            guard data.users.contains(where: { $0.id == user }) else {
                return .failure(400, "", "Пользователь с ID \(user) не найден (ASSIGNED_BY_ID)")
            }
            record.assignedByID = user
        }
        record.phones = Self.multifield(fields["PHONE"])
        record.emails = Self.multifield(fields["EMAIL"])
        record.contactID =
            fields["CONTACT_ID"].flatMap { Int("\($0)") }
            ?? (fields["CONTACT_IDS"] as? [Any])?.first.flatMap {
                Int("\($0)")
            }
        record.companyID = fields["COMPANY_ID"].flatMap { Int("\($0)") }
        switch kind {
        case .lead:
            let status = fields["STATUS_ID"].map { "\($0)" } ?? "NEW"
            guard data.statuses.contains(where: { $0.entityID == "STATUS" && $0.statusID == status }) else {
                return .failure(400, "", "Стадия лида \"\(status)\" не найдена (STATUS_ID)")
            }
            record.stage = status
        case .deal:
            let category = fields["CATEGORY_ID"].flatMap { Int("\($0)") } ?? 0
            guard data.funnels.contains(where: { $0.id == category }) else {
                return .failure(400, "", "Направление сделки \(category) не найдено (CATEGORY_ID)")
            }
            let book = category == 0 ? "DEAL_STAGE" : "DEAL_STAGE_\(category)"
            let stages = data.statuses.filter { $0.entityID == book }
            let stage = fields["STAGE_ID"].map { "\($0)" } ?? stages.first?.statusID ?? "NEW"
            guard stages.contains(where: { $0.statusID == stage }) else {
                return .failure(400, "", "Стадия \"\(stage)\" не относится к направлению \(category) (STAGE_ID)")
            }
            record.categoryID = category
            record.stage = stage
        case .contact, .company:
            break
        }
        let known: Set = [
            "TITLE", "NAME", "LAST_NAME", "ASSIGNED_BY_ID", "PHONE", "EMAIL", "CONTACT_ID", "CONTACT_IDS", "COMPANY_ID",
            "STATUS_ID", "CATEGORY_ID", "STAGE_ID",
        ]
        for (key, value) in fields where !known.contains(key) { record.extra[key] = "\(value)" }
        data.records.append(record)
        return Outcome(result: id)
    }

    /// `[{"VALUE": "…", "VALUE_TYPE": "WORK"}]` → the values.
    private static func multifield(_ value: Any?) -> [String] {
        (value as? [Any] ?? []).compactMap { item in
            (item as? [String: Any])?["VALUE"].map { "\($0)" } ?? (item as? String)
        }
    }

    private func get(_ kind: CRMRecord.Kind, _ p: [String: Any]) -> Outcome {
        guard let id = (p["id"] ?? p["ID"]).flatMap({ Int("\($0)") }),
            let record = data.records.first(where: { $0.kind == kind && $0.id == id })
        else { return .failure(400, "", "Not found") }
        return Outcome(result: row(record, withCommunications: true))
    }

    /// Filters the routing look-ups use: `ID`, `@ID`, `>ID`, `CONTACT_ID`, `COMPANY_ID`,
    /// `CATEGORY_ID`, `ASSIGNED_BY_ID`, `STATUS_SEMANTIC_ID`/`STAGE_SEMANTIC_ID`, `%TITLE`;
    /// `order` by ID or DATE_CREATE.
    private func list(_ kind: CRMRecord.Kind, _ p: [String: Any]) -> Outcome {
        let filter = (p["filter"] ?? p["FILTER"]) as? [String: Any] ?? [:]
        var rows = data.records.filter { $0.kind == kind }
        for (key, value) in filter {
            let text = "\(value)"
            let list = (value as? [Any])?.map { "\($0)" } ?? [text]
            switch key {
            case "ID", "=ID": rows = rows.filter { "\($0.id)" == text }
            case "@ID": rows = rows.filter { list.contains("\($0.id)") }
            case ">ID": rows = rows.filter { $0.id > Int(text) ?? 0 }
            case "CONTACT_ID": rows = rows.filter { $0.contactID.map { "\($0)" } == text }
            case "@CONTACT_ID": rows = rows.filter { $0.contactID.map { list.contains("\($0)") } ?? false }
            case "COMPANY_ID": rows = rows.filter { $0.companyID.map { "\($0)" } == text }
            case "@COMPANY_ID": rows = rows.filter { $0.companyID.map { list.contains("\($0)") } ?? false }
            case "ORIGIN_ID": rows = rows.filter { $0.extra["ORIGIN_ID"] == text }
            case "CATEGORY_ID": rows = rows.filter { $0.categoryID.map { "\($0)" } == text }
            case "ASSIGNED_BY_ID": rows = rows.filter { "\($0.assignedByID)" == text }
            case "STATUS_SEMANTIC_ID", "STAGE_SEMANTIC_ID": rows = rows.filter { list.contains(semantic(of: $0)) }
            case "%TITLE": rows = rows.filter { $0.title.localizedCaseInsensitiveContains(text) }
            default: break
            }
        }
        let order = (p["order"] ?? p["ORDER"]) as? [String: Any] ?? ["ID": "ASC"]
        if let (key, direction) = order.first {
            let descending = "\(direction)".uppercased() == "DESC"
            rows.sort { a, b in
                let less = key == "DATE_CREATE" ? (a.created, a.id) < (b.created, b.id) : a.id < b.id
                return descending ? !less : less
            }
        }
        let select = ((p["select"] ?? p["SELECT"]) as? [Any])?.map { "\($0)" } ?? []
        let communications = select.contains("PHONE") || select.contains("EMAIL")
        return page(rows.map { row($0, withCommunications: communications) }, start: p["start"])
    }

    /// "P" in progress, "S" success, "F" failure — from the stage's semantics.
    func semantic(of record: CRMRecord) -> String {
        guard let stage = record.stage else { return "P" }
        let book =
            record.kind == .lead
            ? "STATUS" : (record.categoryID ?? 0) == 0 ? "DEAL_STAGE" : "DEAL_STAGE_\(record.categoryID ?? 0)"
        return data.statuses.first { $0.entityID == book && $0.statusID == stage }?.semantics ?? "P"
    }

    private func row(_ r: CRMRecord, withCommunications: Bool) -> [String: Any] {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 3 * 3600)
        var row: [String: Any] = [
            "ID": "\(r.id)", "ASSIGNED_BY_ID": "\(r.assignedByID)", "DATE_CREATE": formatter.string(from: r.created),
            "OPENED": "Y",
        ]
        switch r.kind {
        case .lead:
            row["TITLE"] = r.title
            row["STATUS_ID"] = r.stage ?? "NEW"
            row["STATUS_SEMANTIC_ID"] = semantic(of: r)
            row["NAME"] = r.name
            row["HAS_PHONE"] = r.phones.isEmpty ? "N" : "Y"
        case .deal:
            row["TITLE"] = r.title
            row["CATEGORY_ID"] = "\(r.categoryID ?? 0)"
            row["STAGE_ID"] = r.stage ?? "NEW"
            row["STAGE_SEMANTIC_ID"] = semantic(of: r)
            row["CLOSED"] = semantic(of: r) == "P" ? "N" : "Y"
        case .contact:
            row["NAME"] = r.name
            row["LAST_NAME"] = r.lastName
        case .company:
            row["TITLE"] = r.title
        }
        row["CONTACT_ID"] = r.contactID.map { "\($0)" } ?? NSNull()
        row["COMPANY_ID"] = r.companyID.map { "\($0)" } ?? NSNull()
        for (key, value) in r.extra { row[key] = value }
        if withCommunications {
            row["PHONE"] = r.phones.enumerated().map { i, v in
                ["ID": "\(r.id * 100 + i)", "TYPE_ID": "PHONE", "VALUE": v, "VALUE_TYPE": "WORK"]
            }
            row["EMAIL"] = r.emails.enumerated().map { i, v in
                ["ID": "\(r.id * 100 + 50 + i)", "TYPE_ID": "EMAIL", "VALUE": v, "VALUE_TYPE": "WORK"]
            }
        }
        return row
    }

    /// Since crm 23.100.0 only lower-case `fields` is accepted here.
    private func addComment(_ p: [String: Any]) -> Outcome {
        guard let fields = p["fields"] as? [String: Any] else {
            return .failure(400, "100", "Required fields: fields")
        }
        let type = "\(fields["ENTITY_TYPE"] ?? "")".lowercased()
        guard let id = fields["ENTITY_ID"].flatMap({ Int("\($0)") }), let kind = CRMRecord.Kind(rawValue: type),
            data.records.contains(where: { $0.kind == kind && $0.id == id })
        else { return .failure(400, "OWNER_NOT_FOUND", "Owner not found") }
        let text = "\(fields["COMMENT"] ?? "")"
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .failure(400, "INVALID_ARG_VALUE", "Empty comment")
        }
        let commentID = (comments.map(\.id).max() ?? 990) + 1
        comments.append(TimelineComment(id: commentID, entityType: type, entityID: id, comment: text))
        return Outcome(result: commentID)
    }

    /// Writes other fields (UF_*, SOURCE_DESCRIPTION…); moving stages is not needed here.
    private func update(_ kind: CRMRecord.Kind, _ p: [String: Any]) -> Outcome {
        guard let id = (p["id"] ?? p["ID"]).flatMap({ Int("\($0)") }),
            let index = data.records.firstIndex(where: { $0.kind == kind && $0.id == id })
        else { return .failure(400, "", "Not found") }
        guard let fields = (p["fields"] ?? p["FIELDS"]) as? [String: Any] else {
            return .failure(400, "", "Parameter 'fields' must be an object.")
        }
        for (key, value) in fields { data.records[index].extra[key] = "\(value)" }
        return Outcome(result: true)
    }

    /// `crm.activity.todo.add`: a to-do on a record's timeline.
    private func addActivity(_ p: [String: Any]) -> Outcome {
        let owner = p["ownerTypeId"].flatMap { Int("\($0)") }
        let kinds: [Int: CRMRecord.Kind] = [1: .lead, 2: .deal, 3: .contact, 4: .company]
        guard let owner, let kind = kinds[owner], let id = p["ownerId"].flatMap({ Int("\($0)") }),
            data.records.contains(where: { $0.kind == kind && $0.id == id })
        else { return .failure(400, "OWNER_NOT_FOUND", "Owner not found") }
        guard p["deadline"] != nil else { return .failure(400, "", "Required parameter 'deadline' is missing") }
        let activityID = (activities.map(\.id).max() ?? 500) + 1
        activities.append(
            TimelineComment(id: activityID, entityType: kind.rawValue, entityID: id, comment: "\(p["title"] ?? "")"))
        return Outcome(result: ["id": activityID])
    }

    private func notify(_ p: [String: Any]) -> Outcome {
        guard let user = p["USER_ID"].flatMap({ Int("\($0)") }), data.users.contains(where: { $0.id == user }) else {
            return .failure(400, "USER_ID_EMPTY", "Recipient user ID can't be empty or does not exist")
        }
        let message = "\(p["MESSAGE"] ?? "")"
        guard !message.isEmpty else { return .failure(400, "MESSAGE_EMPTY", "Message can't be empty") }
        let id = (notifications.map(\.id).max() ?? 12_000) + 1
        notifications.append(SystemNotification(id: id, userID: user, message: message))
        return Outcome(result: id)
    }
}
