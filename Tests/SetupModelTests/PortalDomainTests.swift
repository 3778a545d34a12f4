import Testing

@testable import SetupModel

@Suite struct PortalDomainTests {
    @Test(arguments: [
        ("https://x.bitrix24.ru/", "https://x.bitrix24.ru"),
        ("x.bitrix24.ru", "https://x.bitrix24.ru"),
        ("  X.Bitrix24.RU  ", "https://x.bitrix24.ru"),
        ("http://crm.example.com", "http://crm.example.com"),
        ("http://crm.example.com:8080/", "http://crm.example.com:8080"),
        ("https://crm.example.com:443", "https://crm.example.com"),
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
        ("xn--80ak6aa92e.xn--p1ai", "https://xn--80ak6aa92e.xn--p1ai"),
    ])
    func normalises(input: String, expected: String) throws {
        #expect(try PortalDomain(parsing: input).description == expected)
    }

    @Test(arguments: [
        ("", "empty"),
        ("ftp://x.bitrix24.ru", "not a web address"),
        ("https://x.bitrix24.ru/crm/lead/", "extra parts '/crm/lead/'"),
        ("https://x.bitrix24.ru/?a=1", "extra parts"),
        ("https://user:pw@x.bitrix24.ru", "login"),
        ("https://x.bitrix24.ru:99999", "port '99999'"),
        ("https://x..ru", "empty part"),
        ("mycompany", "not a full domain"),
        ("https://-x.bitrix24.ru", "starts or ends with '-'"),
        ("https://x_y.bitrix24.ru", "contains '_'"),
        ("портал.рф", "punycode"),
        ("https://", "no host name"),
    ])
    func rejectsWithReason(input: String, fragment: String) {
        #expect {
            try PortalDomain(parsing: input)
        } throws: { error in
            (error as? InputError)?.message.contains(fragment) == true
        }
    }
}

@Suite struct WebhookTests {
    @Test func parsesPastedURL() throws {
        let (domain, hook) = try Webhook.parse(url: "https://callgeartest.bitrix24.ru/rest/1/abcdef0123456789/")
        #expect(domain.description == "https://callgeartest.bitrix24.ru")
        #expect(hook.userID == "1")
        #expect(hook.code?.value == "abcdef0123456789")
        #expect(hook.baseURL(on: domain) == "https://callgeartest.bitrix24.ru/rest/1/abcdef0123456789/")
        #expect(!hook.maskedURL(on: domain).contains("abcdef0123456789"))
    }

    @Test func dropsMethodSuffix() throws {
        let (_, hook) = try Webhook.parse(url: "https://x.bitrix24.ru/rest/12/abcdef0123456789/profile.json")
        #expect(hook.userID == "12")
    }

    @Test(arguments: [
        ("", "empty"),
        ("x.bitrix24.ru/rest/1/abcdef0123456789/", "must start with https://"),
        ("https://x.bitrix24.ru", "no /rest/USER_ID/CODE/"),
        ("https://x.bitrix24.ru/crm/1/abcdef0123456789/", "must start with /rest/"),
        ("https://x.bitrix24.ru/rest/", "user id and the code are missing"),
        ("https://x.bitrix24.ru/rest/admin/abcdef0123456789/", "must be a number"),
        ("https://x.bitrix24.ru/rest/1/", "no code"),
        ("https://x.bitrix24.ru/rest/1/ab!/", "6 to 64 Latin letters"),
        ("https://x.bitrix24.ru/rest/1/abcdef0123456789/a/b/", "extra parts"),
        ("https://x.bitrix24.ru/rest/1/abcdef0123456789/?x=1", "query"),
        ("https://x/rest/1/abcdef0123456789/", "in the webhook URL: 'x' is not a full domain"),
    ])
    func rejectsWithReason(input: String, fragment: String) {
        #expect {
            try Webhook.parse(url: input)
        } throws: { error in
            (error as? InputError)?.message.contains(fragment) == true
        }
    }

    @Test func secretDescriptionIsMasked() {
        let secret = Secret("abcdef0123456789")
        #expect("\(secret)" == "••••••789")
        #expect(!String(reflecting: secret).contains("abcdef"))
    }
}
