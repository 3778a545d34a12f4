/// The two CallGear regions the vendor's instruction covers. Each has its own cabinet,
/// its own Bitrix24 application to pick on connect, and its own Data API host.
public enum Region: String, ClosedChoice {
    case latvia
    case dubai

    public static let choiceName = "region"

    /// As the vendor's cabinet names it.
    public var englishName: String {
        switch self {
        case .latvia: "Latvia"
        case .dubai: "Dubai"
        }
    }

    public var displayName: String { tr(englishName, ru: russianName) }

    public var cabinetHost: String {
        switch self {
        case .latvia: "go.callgear.com"
        case .dubai: "go.callgear.ae"
        }
    }

    public var cabinetLoginURL: String { "https://\(cabinetHost)/login" }

    public var integrationPageURL: String {
        "https://\(cabinetHost)/marketplace/integration_list/bitrix24"
    }

    /// The button to press on the "Select branch" page during the OAuth connect.
    public var bitrixAppName: String {
        switch self {
        case .latvia: "CallGear"
        case .dubai: "CallGear UAE"
        }
    }

    /// Dubai's host is inferred from Latvia's pattern, so the profile may override it.
    public var defaultDataAPIURL: String {
        switch self {
        case .latvia: "https://dataapi.callgear.com/v2.0"
        case .dubai: "https://dataapi.callgear.ae/v2.0"
        }
    }

    /// The test site the vendor's instruction uses to start a chat.
    public var testSiteURL: String {
        switch self {
        case .latvia: "https://hcp.tb.ru/usa64832com"
        case .dubai: "https://siteusa.dev.uis.st/usa_64943.html"
        }
    }
}
