import Foundation

/// A lead, deal, contact or company the sandbox holds, so routing can look a client up
/// (`crm.duplicate.findbycomm`, `*.list`, `*.get`) and a test apply can create records
/// that are read back afterwards.
public struct CRMRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case lead, deal, contact, company

        /// `crm.duplicate.findbycomm` and timeline keys.
        public var upperName: String { rawValue.uppercased() }
    }

    public var kind: Kind
    public var id: Int
    /// TITLE of a lead, deal or company; NAME of a contact.
    public var title: String
    public var name: String = ""
    public var lastName: String = ""
    public var phones: [String] = []
    public var emails: [String] = []
    /// Lead STATUS_ID or deal STAGE_ID.
    public var stage: String?
    public var categoryID: Int?
    public var assignedByID: Int = 1
    public var contactID: Int?
    public var companyID: Int?
    public var created: Date
    /// Everything else written (SOURCE_DESCRIPTION, ORIGIN_ID, COMMENTS, UF_*), as sent.
    public var extra: [String: String] = [:]

    public init(kind: Kind, id: Int, title: String, created: Date) {
        self.kind = kind
        self.id = id
        self.title = title
        self.created = created
    }

    /// Digits only, without an extension (`#404`), as the portal compares phones.
    public static func normalise(phone: String) -> String {
        let main = phone.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
        var digits = main.filter(\.isNumber)
        // Russian numbers are stored as 8… or +7…; the portal treats them alike.
        if digits.count == 11, digits.hasPrefix("8") { digits = "7" + digits.dropFirst() }
        return digits
    }
}

/// A timeline comment or a notification the sandbox received, for tests and the demo.
public struct TimelineComment: Sendable, Equatable {
    public var id: Int
    public var entityType: String
    public var entityID: Int
    public var comment: String
}

public struct SystemNotification: Sendable, Equatable {
    public var id: Int
    public var userID: Int
    public var message: String
}
