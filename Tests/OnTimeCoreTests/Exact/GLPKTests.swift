import Testing
@testable import OnTimeCore

@Suite("GLPK link")
struct GLPKTests {
    @Test func linksAndReportsItsVersion() {
        let parts = GLPK.version.split(separator: ".")
        #expect(parts.count >= 2)
        #expect((Int(parts[0]) ?? 0) >= 4)
    }
}
