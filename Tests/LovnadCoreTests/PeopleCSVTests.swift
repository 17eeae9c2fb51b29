import Testing
@testable import LovnadCore

@Suite struct CSVReaderTests {
    @Test func readsQuotedFieldsAndKeepsLineNumbers() throws {
        let text = "a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n\"multi\nline\",z\nlast,row"
        let records = try CSVReader.records(text)
        #expect(records.map(\.line) == [1, 2, 3, 5])
        #expect(records[1].fields == ["x, y", "he said \"hi\""])
        #expect(records[2].fields == ["multi\nline", "z"])
        #expect(records[3].fields == ["last", "row"])
    }

    @Test func skipsBlankLinesButCountsThem() throws {
        let records = try CSVReader.records("h\n\nv\r\n")
        #expect(records.map(\.line) == [1, 3])
    }

    @Test func refusesAnUnclosedQuote() {
        #expect(throws: CSVReadError.unterminatedQuote(line: 2)) { try CSVReader.records("h\n\"open,") }
    }
}

@Suite struct PeopleCSVTests {
    let header = "email,name,title,department,leader_email,roles,skills"

    @Test func parsesAGoodLineWithNorwegianLetters() throws {
        let parsed = try PeopleCSV.parse("\(header)\nÅse.Ødegård@Example.no,Åse Ødegård,Rådgiver,Rådgivning,,consultant;leader,Swift:4;Kubernetes:3\n")
        #expect(parsed.errors.isEmpty)
        let row = try #require(parsed.rows.first)
        #expect(row.email.value == "åse.ødegård@example.no")
        #expect(row.name == "Åse Ødegård")
        #expect(row.department == "Rådgivning")
        #expect(row.roles == [.leader, .consultant])
        #expect(row.skills == [.init(name: "Swift", level: 4), .init(name: "Kubernetes", level: 3)])
    }

    @Test func reportsEachBadLineByItsLineNumber() throws {
        let text = """
        \(header)
        ok@example.no,Ok,,,,,
        not-an-email,Bad,,,,,
        level@example.no,Level,,,,,Swift:9
        role@example.no,Role,,,,wizard,
        self@example.no,Self,,,self@example.no,,
        ok@example.no,Again,,,,,
        short@example.no,Short
        """
        let parsed = try PeopleCSV.parse(text)
        #expect(parsed.rows.map(\.email.value) == ["ok@example.no"])
        #expect(parsed.errors.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(parsed.errors[1].description.hasPrefix("line 4: skill 'Swift' has level '9'"))
        #expect(parsed.errors[4].reason.contains("already appears on line 2"))
    }

    @Test func defaultsToConsultantAndAcceptsMissingOptionalColumns() throws {
        let parsed = try PeopleCSV.parse("email,name\na@example.no,A\n")
        #expect(parsed.rows.first?.roles == [.consultant])
    }

    @Test func refusesABadHeader() {
        #expect(throws: PeopleCSV.HeaderError.missingColumns(["email"])) { try PeopleCSV.parse("name\nA\n") }
        #expect(throws: PeopleCSV.HeaderError.unknownColumns(["shoe_size"])) { try PeopleCSV.parse("email,name,shoe_size\n") }
        #expect(throws: PeopleCSV.HeaderError.empty) { try PeopleCSV.parse("") }
    }

    @Test func controlCharactersAreNoPartOfAField() throws {
        let records = try CSVReader.records("email,name\nkari@example.no,Kari\u{0} Nord\u{1B}mann\n")
        #expect(records.last?.fields == ["kari@example.no", "Kari Nordmann"])
    }
}
