import CallGearAPI
import Foundation
import Replay
import Routing
import SetupModel

/// Everything the console's forms edit, in one value: the profile, the account being added
/// or edited, and the Simulate screen's sample event. Fields bind to key paths into it, so
/// one form engine serves every screen.
public struct Workspace: Equatable, Sendable {
    public var profile: Profile
    public var account = AccountDraft()
    public var sample = SampleEvent()
    public var replay = ReplayForm()

    public init(profile: Profile) {
        self.profile = profile
        sample.channelID = profile.chats.channels.first ?? ""
    }
}

/// The account form: what an operator types for a portal before it is stored.
public struct AccountDraft: Equatable, Sendable {
    public enum AuthKind: Int, Sendable { case webhook, oauth }
    /// The stored account's domain when editing one; nil for a new account.
    public var original: String?
    public var name = ""
    public var domain = ""
    public var authKind = AuthKind.webhook
    public var webhookURL = ""
    public var clientID = ""
    public var clientSecret = ""
    public var accessToken = ""
    public var refreshToken = ""
    /// The OAuth server that renews the keys; empty: the international one.
    public var oauthServer = ""

    public init() {}

    /// The draft of a stored account; secrets stay as they are unless retyped.
    public init(_ account: Account) {
        original = account.domain.description
        name = account.name
        domain = account.domain.description
        switch account.authorization {
        case .webhook(let hook):
            authKind = .webhook
            webhookURL = hook.baseURL(on: account.domain) ?? ""
        case .oauth(let oauth):
            authKind = .oauth
            clientID = oauth.clientID
            clientSecret = oauth.clientSecret?.value ?? ""
            accessToken = oauth.accessToken?.value ?? ""
            refreshToken = oauth.refreshToken?.value ?? ""
            oauthServer = oauth.oauthServer ?? ""
        case .none:
            break
        }
    }

    /// The account, or what is wrong with the draft (said for the field it concerns).
    public func account() -> Result<Account, FieldError> {
        let parsed: PortalDomain
        do { parsed = try PortalDomain(parsing: domain) } catch {
            return .failure(FieldError(field: SettingPath.AccountForm.domain, message: error.message))
        }
        switch authKind {
        case .webhook:
            guard !webhookURL.isEmpty else {
                return .failure(
                    FieldError(
                        field: SettingPath.AccountForm.webhookURL,
                        message: tr(
                            "paste the incoming webhook URL from Bitrix24", ru: "вставьте адрес входящего вебхука из Битрикс24"))
                )
            }
            let hook: (domain: PortalDomain, webhook: Webhook)
            do { hook = try Webhook.parse(url: webhookURL) } catch {
                return .failure(FieldError(field: SettingPath.AccountForm.webhookURL, message: error.message))
            }
            guard hook.domain == parsed else {
                return .failure(
                    FieldError(
                        field: SettingPath.AccountForm.webhookURL,
                        message: tr(
                            "the webhook is for \(hook.domain), not \(parsed)",
                            ru: "вебхук для \(hook.domain), а не для \(parsed)")))
            }
            return .success(Account(name: name, domain: parsed, authorization: .webhook(hook.webhook)))
        case .oauth:
            guard !clientID.isEmpty else {
                return .failure(
                    FieldError(
                        field: SettingPath.AccountForm.clientID,
                        message: tr("the OAuth application's client id is required", ru: "нужен client id приложения OAuth")))
            }
            let server = oauthServer.trimmingCharacters(in: .whitespaces)
            if !server.isEmpty {
                guard let url = URLComponents(string: server), url.scheme == "https" || url.scheme == "http", url.host != nil
                else {
                    return .failure(
                        FieldError(
                            field: SettingPath.AccountForm.oauthServer,
                            message: tr(
                                "the OAuth server is a web address like https://oauth.bitrix.info/ (or leave it empty)",
                                ru: "сервер OAuth — веб-адрес вроде https://oauth.bitrix.info/ (или оставьте пустым)")))
                }
            }
            let oauth = OAuthCredentials(
                clientID: clientID, clientSecret: clientSecret.isEmpty ? nil : Secret(clientSecret),
                accessToken: accessToken.isEmpty ? nil : Secret(accessToken),
                refreshToken: refreshToken.isEmpty ? nil : Secret(refreshToken), expiresAt: nil,
                oauthServer: server.isEmpty ? nil : server)
            return .success(Account(name: name, domain: parsed, authorization: .oauth(oauth)))
        }
    }
}

public struct FieldError: Error, Equatable, Sendable {
    public var field: SettingPath
    public var message: String
}

/// The Simulate screen's event, as form fields.
public struct SampleEvent: Equatable, Sendable {
    public var kind = CommunicationKind.chat
    public var phase = RoutingEvent.Phase.started
    public var channelID = ""
    public var site = ""
    public var visitorName = "Анна Петрова"
    public var phone = "+7 999 123-45-67"
    public var email = ""
    public var text = "Здравствуйте!"
    /// Every other parameter a condition can test, so a rule on any of them can be tried.
    public var communicationGroup = ""
    public var campaign = ""
    public var source = ""
    /// Comma-separated.
    public var tags = ""
    public var formType = ""
    public var formName = ""
    public var page = ""
    public var utmSource = ""
    public var utmMedium = ""
    public var utmCampaign = ""

    public init() {}

    public func event(channels: [ChatChannel]) -> RoutingEvent {
        let channel = channels.first { $0.id == channelID }
        var event = RoutingEvent(
            kind: kind, phase: kind == .chat ? phase : nil,
            channel: kind == .chat ? RoutingEvent.Channel(id: channelID, name: channel?.name, type: channel?.type) : nil,
            site: site.isEmpty ? nil : site,
            visitor: .init(
                name: visitorName.isEmpty ? nil : visitorName, phone: phone.isEmpty ? nil : phone,
                email: email.isEmpty ? nil : email),
            communicationId: "sim-1", text: text.isEmpty ? nil : text)
        event.dateTime = "2026-11-25 10:30"
        func given(_ text: String) -> String? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        event.communicationGroup = given(communicationGroup)
        event.campaign = given(campaign)
        event.source = given(source)
        let tagList = tags.split(separator: ",").compactMap { given(String($0)) }
        event.tags = tagList.isEmpty ? nil : tagList
        if kind == .offline, given(formType) != nil || given(formName) != nil {
            event.form = RoutingEvent.Form(type: given(formType), name: given(formName))
        }
        event.page = kind == .offline ? given(page) : nil
        let utm = [("source", utmSource), ("medium", utmMedium), ("campaign", utmCampaign)].compactMap { key, value in
            given(value).map { (key, $0) }
        }
        event.utm = utm.isEmpty ? nil : Dictionary(uniqueKeysWithValues: utm)
        return event
    }
}

/// The Replay screen's choices: the period (the account's clock), look-ups, and which events
/// the list shows.
public struct ReplayForm: Equatable, Sendable {
    public var from: String
    public var to: String
    public var live = false
    public var transcripts = false
    /// nil: every event; else one outcome category.
    public var show: ReplayOutcome.Category?
    /// The event whose plan the result pane shows.
    public var selected: String?

    /// The last 30 days, today included.
    public init(now: Date = Date()) {
        let today = ReportTime(now)
        from = today.adding(seconds: -29 * 86_400).day
        to = today.day
    }

    /// The period as the reports take it: a day alone is its whole day; nil when unreadable.
    public var period: ReportPeriod? { try? ReportPeriod.parse(from: from, to: to).get() }
}
