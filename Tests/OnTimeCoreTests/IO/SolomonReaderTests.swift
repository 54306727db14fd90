import Testing
@testable import OnTimeCore

@Suite("Solomon reader")
struct SolomonReaderTests {
    @Test(.enabled(if: TestData.sharedAvailable))
    func readsC101UnderDIMACSConvention() throws {
        let p = try SolomonReader.read(path: TestData.solomon("C101"))
        #expect(p.name == "C101")
        #expect(p.nodeCount == 101)
        #expect(p.capacity == 200)
        #expect(p.vehicleLimit == 25)
        #expect(p.scale == 10)
        #expect(p.hasTimeWindows)
        // Depot (40,50) to customer 1 (45,68): sqrt(25 + 324) = 18.681… → 18.6 → 186 tenths.
        #expect(p.distance(0, 1) == 186)
        #expect(p.readyTimes[1] == 9120 && p.dueTimes[1] == 9670 && p.serviceTimes[1] == 900)
        #expect(p.dueTimes[0] == 12360)
        #expect(p.format(p.distance(0, 1)) == "18.6")
    }

    @Test func readsMinimalFile() throws {
        let text = """
            TINY

            VEHICLE
            NUMBER     CAPACITY
              2          10

            CUSTOMER
            CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

                0      0          0          0          0        100          0
                1      3          4          5          0         50          2
                2      1          1          5         10         60          3
            """
        let p = try SolomonReader.parse(contents: text)
        #expect(p.customerCount == 2)
        #expect(p.distance(0, 1) == 50)
        #expect(p.distance(0, 2) == 14)  // sqrt(2) = 1.414 → 1.4
        #expect(p.serviceTimes == [0, 20, 30])
    }

    @Test func formatPrintsTenths() throws {
        let p = try SolomonReader.parse(contents: "T\nVEHICLE\nNUMBER CAPACITY\n1 10\nCUSTOMER\n0 0 0 0 0 100 0\n1 0 1 1 0 100 0\n")
        #expect(p.format(8273) == "827.3")
        #expect(p.format(5) == "0.5")
        #expect(p.format(-15) == "-1.5")
    }
}

@Suite("Format detection")
struct FormatDetectionTests {
    static let fixtures = TestData.root.appendingPathComponent("Tests/OnTimeCoreTests/Fixtures/valid")

    @Test func solomonFileWhoseNameLooksLikeAKeyword() throws {
        let p = try InstanceReader.read(path: Self.fixtures.appendingPathComponent("solomon-name-starts-with-TYPE.txt").path)
        #expect(p.name == "TYPE1")
        #expect(p.hasTimeWindows)
    }

    @Test func quotedValuesAreUnquoted() throws {
        let p = try InstanceReader.read(path: Self.fixtures.appendingPathComponent("dimension-quoted.vrp").path)
        #expect(p.nodeCount == 5)
    }
}
