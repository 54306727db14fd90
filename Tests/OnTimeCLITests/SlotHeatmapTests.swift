import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import OnTimeCLI
import OnTimeCore

@Suite("ontime slot --heatmap")
struct SlotHeatmapTests {
    func run(_ args: [String]) -> (ExitCode, Captured) {
        let c = Captured()
        return (OnTime.run(args, console: c.console), c)
    }

    static let warehouse = Paths.root.appendingPathComponent("instances/warehouse-200").path
    static let inputs = ["layout.json", "skus.csv", "orders.csv"].map { "\(warehouse)/\($0)" }

    /// Panels and their slot cells in a written heat map.
    func panels(_ path: String) throws -> [(id: String, cells: Int)] {
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: [])
        #expect(document.rootElement()?.name == "svg")
        return try document.nodes(forXPath: "//*[local-name()='g'][@class='panel']").compactMap { $0 as? XMLElement }.map { panel -> (id: String, cells: Int) in
            let cells = try panel.nodes(forXPath: ".//*[local-name()='rect'][starts-with(@class, 'slot')]").count
            return (panel.attributes?.first { $0.name == "id" }?.stringValue ?? "", cells)
        }
    }

    @Test func writesTheBeforeAndAfterPictureForWarehouse200() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("heat.svg").path
        let (code, c) = run(["slot"] + Self.inputs + ["--current", "\(Self.warehouse)/current.csv", "--policy", "return", "--heatmap", svg])
        #expect(code == .ok, "\(c.err)")
        let found = try panels(svg)
        // warehouse-200: 2 aisles × 40 bays × 2 sides × 4 levels.
        #expect(found.map(\.id) == ["before", "after"] && found.allSatisfy { $0.cells == 640 }, "\(found)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("Before: current assignment") && text.contains("After: exact"))
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["heat.svg"])
    }

    @Test func withoutCurrentTheBeforeIsTheRandomBaselineAndSaysSo() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("heat.svg").path
        let (code, c) = run(["slot"] + Self.inputs + ["--method", "coi", "--policy", "return", "--heatmap", svg])
        #expect(code == .ok, "\(c.err)")
        #expect(try panels(svg).map(\.cells) == [640, 640])
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("before is a random baseline") && text.contains("Before: random baseline (seed 1)") && text.contains("After: coi"))
    }

    @Test func anUnwritableHeatmapIsRefusedBeforeTheWork() {
        let (code, c) = run(["slot"] + Self.inputs + ["--heatmap", "/nonexistent-folder/heat.svg"])
        #expect(code == .badInput && c.err.contains("/nonexistent-folder") && c.out.isEmpty, "\(c.err)")
    }

    @Test func helpShowsTheOptionAndAnExample() {
        let (code, c) = run(["slot", "--help"])
        #expect(code == .ok && c.out.contains("--heatmap FILE") && c.out.contains("--heatmap heat.svg"))
    }
}
