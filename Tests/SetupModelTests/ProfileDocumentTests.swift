import Testing

@testable import SetupModel

@Suite struct ProfileDocumentTests {
    let document = ProfileDocument(profile: Fixtures.profile, account: Fixtures.account)

    @Test func roundTripIsExact() throws {
        let text = document.encoded(includeSecrets: true)
        let back = try ProfileDocument.decode(text)
        #expect(back == document)
        #expect(back.encoded(includeSecrets: true) == text)
    }

    @Test func secretsAreLeftOutUnlessAsked() throws {
        let text = document.encoded()
        #expect(!text.contains("abcdef0123456789"))
        #expect(!text.contains("key-0123456789abcdef"))
        let back = try ProfileDocument.decode(text)
        #expect(back.encoded() == text)
        #expect(back.profile.callGear.dataAPIKey == nil)
        // Importing it over the stored one keeps the stored secrets.
        let merged = back.account!.authorization.keepingSecrets(of: Fixtures.account.authorization)
        #expect(merged == Fixtures.account.authorization)
    }

    @Test func keysAreInStableOrder() {
        let text = document.encoded()
        let account = text.range(of: "\"account\"")!.lowerBound
        let format = text.range(of: "\"format\"")!.lowerBound
        #expect(account < format)
    }

    func failure(_ text: String) -> DocumentError? {
        do {
            _ = try ProfileDocument.decode(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func truncatedFileNamesLine() throws {
        let text = document.encoded()
        let cut = String(text.prefix(text.count / 2))
        let error = try #require(failure(cut))
        #expect(error.description.contains("ends"))
        #expect(error.issues[0].line != nil)
    }

    @Test func malformedJSONNamesLineAndColumn() throws {
        let error = try #require(failure("{\n  \"format\": \"callgear-setup/profile\",\n  \"formatVersion\": 1,,\n}"))
        #expect(error.issues[0].line == 3)
        #expect(error.issues[0].column == 22)
    }

    @Test func unknownFieldIsNamedWithPath() throws {
        let text = document.encoded().replacingOccurrences(of: "\"addToClosed\"", with: "\"addToClosed\" : true, \"addToClsed\"")
        let error = try #require(failure(text))
        #expect(error.issues.count == 1)
        #expect(error.issues[0].path == "$.profile.other.addToClsed")
        #expect(error.issues[0].message == "unknown field 'addToClsed'")
        #expect(error.issues[0].line != nil)
    }

    @Test func wrongTypeIsNamedWithPath() throws {
        let text = document.encoded().replacingOccurrences(
            of: "\"integrationActive\" : true", with: "\"integrationActive\" : \"yes\"")
        let error = try #require(failure(text))
        #expect(error.issues[0].path == "$.profile.integrationActive")
        #expect(error.issues[0].message == "expected true or false, found a string")
    }

    @Test func unknownRegionListsTheChoices() throws {
        let text = document.encoded().replacingOccurrences(of: "\"region\" : \"latvia\"", with: "\"region\" : \"riga\"")
        let error = try #require(failure(text))
        #expect(error.issues[0].path == "$.profile.region")
        #expect(error.issues[0].message == "unknown region 'riga' — expected one of: latvia, dubai")
    }

    @Test func invalidDomainInFile() throws {
        let text = document.encoded().replacingOccurrences(
            of: "\"domain\" : \"https://callgeartest.bitrix24.ru\"", with: "\"domain\" : \"https://callgeartest.bitrix24.ru/crm\""
        )
        let error = try #require(failure(text))
        #expect(error.issues[0].path == "$.account.domain")
        #expect(error.issues[0].message.contains("extra parts"))
    }

    @Test func newerFormatIsRefused() throws {
        let text = document.encoded().replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 2")
        let error = try #require(failure(text))
        #expect(error.description.contains("newer callgear-setup"))
    }

    /// A setting's key may be missing (its default fills it); what identifies the profile may not.
    @Test func missingRequiredField() throws {
        let text = document.encoded().replacingOccurrences(
            of: ",\n    \"region\" : \"latvia\"", with: "")
        let error = try #require(failure(text))
        #expect(error.issues[0].path == "$.profile")
        #expect(error.issues[0].message == "the required field 'region' is missing")
    }

    @Test func notAProfile() throws {
        #expect(try #require(failure("[1,2]")).description.contains("expected a JSON object"))
        #expect(try #require(failure("{}")).description.contains("'format' field is missing"))
        #expect(try #require(failure("")).description.contains("empty"))
        #expect(try #require(failure("{\"a\":1,\"a\":2}")).description.contains("appears twice"))
    }

    @Test func accountMismatch() throws {
        var doc = document
        doc.profile.account = "https://other.bitrix24.ru"
        #expect(try #require(failure(doc.encoded())).issues[0].path == "$.profile.account")
    }

    @Test func diffNamesChangedPaths() {
        var b = Fixtures.profile
        b.chats.enabled = false
        b.other.templates[0].text = "x"
        let changes = ProfileDiff.changes(from: Fixtures.profile, to: b)
        #expect(changes.map(\.path) == ["chats.enabled", "other.templates[0].text"])
        #expect(changes[0].description == "chats.enabled: true → false")
        #expect(ProfileDiff.changes(from: b, to: b).isEmpty)
    }
}
