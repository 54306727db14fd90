import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import OnTimeCore

/// The SVG read back as XML, with the queries the tests need (SVG's default namespace
/// makes plain XPath names miss, hence `local-name()`).
struct SVGDocument {
    let document: XMLDocument

    init(_ text: String) throws {
        document = try XMLDocument(xmlString: text, options: [])
    }

    func elements(_ xpath: String) throws -> [XMLElement] {
        try document.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    var panels: [XMLElement] { get throws { try elements("//*[local-name()='g'][@class='panel']") } }

    /// The slot cells of one panel.
    func cells(_ panel: XMLElement) throws -> [XMLElement] {
        try panel.nodes(forXPath: ".//*[local-name()='rect'][starts-with(@class, 'slot')]").compactMap { $0 as? XMLElement }
    }
}

extension XMLElement {
    /// The attribute's value. (`attribute(forName:)` finds nothing in swift-corelibs-foundation
    /// when the element sits in a default namespace, as every SVG element does.)
    func svgAttribute(_ name: String) -> String? { attributes?.first { $0.name == name }?.stringValue }
}

/// Relative luminance of "#rrggbb" (ITU-R BT.709 weights on the sRGB values).
func luminance(_ hex: String) -> Double? {
    guard hex.count == 7, hex.first == "#", let v = Int(hex.dropFirst(), radix: 16) else { return nil }
    let r = Double((v >> 16) & 0xff), g = Double((v >> 8) & 0xff), b = Double(v & 0xff)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

@Suite("Warehouse heat map (SVG)")
struct WarehousePictureTests {
    /// 3 aisles × 4 bays × 2 levels (48 slots), six SKUs with picks 0, 1, 2, 5, 20, 20
    /// (the last two equal), a "before" with the busiest far away and an "after" from
    /// the exact method.
    func example() throws -> (SlottingProblem, before: SlotAssignment, after: SlotAssignment) {
        let w = smallWarehouse(levels: 2)
        let skus = (0..<6).map { SKU(id: "S\($0)") }
        let counts = [0, 1, 2, 5, 20, 20]
        var orders: [[Int]] = []
        for (s, c) in counts.enumerated() { for _ in 0..<c { orders.append([s]) } }
        let problem = try SlottingProblem(warehouse: w, skus: skus, history: OrderHistory(orders: orders, skuCount: 6))
        let far = w.slots.indices.sorted { w.pickCost(w.slots[$0]) > w.pickCost(w.slots[$1]) }
        let before = SlotAssignment(slotOfSKU: Array(far.prefix(6)).reversed())
        let after = try problem.solve(.coi).assignment
        #expect(problem.violations(before).isEmpty && problem.violations(after).isEmpty)
        return (problem, before, after)
    }

    @Test func parsesWithOneCellPerSlotPerPanel() throws {
        let (problem, before, after) = try example()
        let svg = WarehousePicture.heatMap(problem, before: .init(heading: "Before: today", assignment: before),
                                           after: .init(heading: "After: coi", assignment: after))
        let doc = try SVGDocument(svg)
        #expect(doc.document.rootElement()?.name == "svg")
        let panels = try doc.panels
        #expect(panels.map { $0.svgAttribute("id") } == ["before", "after"])
        for panel in panels {
            let cells = try doc.cells(panel)
            #expect(cells.count == problem.warehouse.slots.count)
            #expect(cells.filter { $0.svgAttribute("data-picks") != nil }.count == problem.skus.count)
            // Empty slots are grey; every other cell has a colour of the scale.
            for cell in cells where cell.svgAttribute("data-picks") == nil {
                #expect(cell.svgAttribute("fill") == WarehousePicture.emptyColour)
            }
            // The pick/drop point is marked in every panel.
            #expect(try panel.nodes(forXPath: ".//*[local-name()='g'][@class='depot']").count == 1)
        }
        // Each heading carries its expected picking distance; the after one its change.
        let headings = try doc.elements("//*[local-name()='text'][@class='heading']").compactMap(\.stringValue)
        let costBefore = WarehousePicture.grouped(problem.expectedCost(before))
        let costAfter = WarehousePicture.grouped(problem.expectedCost(after))
        #expect(headings.contains("expected picking distance \(costBefore) m"), "\(headings)")
        #expect(headings.contains("expected picking distance \(costAfter) m"), "\(headings)")
        #expect(headings.contains { $0.contains("against before") }, "\(headings)")
    }

    @Test func coloursRankLikePickFrequencies() throws {
        let (problem, before, after) = try example()
        let svg = WarehousePicture.heatMap(problem, before: .init(heading: "Before", assignment: before),
                                           after: .init(heading: "After", assignment: after))
        let doc = try SVGDocument(svg)
        for panel in try doc.panels {
            let shaded = try doc.cells(panel).compactMap { cell -> (picks: Int, light: Double)? in
                guard let picks = cell.svgAttribute("data-picks").flatMap({ Int($0) }),
                      let fill = cell.svgAttribute("fill"), let light = luminance(fill) else { return nil }
                return (picks, light)
            }
            #expect(shaded.count == 6)
            for a in shaded {
                for b in shaded where a.picks < b.picks { #expect(a.light > b.light, "\(a) vs \(b)") }
                for b in shaded where a.picks == b.picks { #expect(a.light == b.light) }
            }
        }
        // Over the whole scale, too: darker with every step, and the ends are its ends.
        var previous = Double.infinity
        for k in 0...100 {
            let light = luminance(WarehousePicture.heatColour(Double(k) / 100))!
            #expect(light < previous, "step \(k)")
            previous = light
        }
        #expect(WarehousePicture.heatColour(0) == "#ffffcc" && WarehousePicture.heatColour(1) == "#800026")
        #expect(WarehousePicture.heatColour(-3) == WarehousePicture.heatColour(0) && WarehousePicture.heatColour(.nan) == "#ffffcc")
        #expect(WarehousePicture.scalePosition(picks: 0, most: 20) == 0 && WarehousePicture.scalePosition(picks: 20, most: 20) == 1)
        #expect(WarehousePicture.scalePosition(picks: 3, most: 0) == 0)
    }

    @Test func legendHasTheScaleAndItsTicks() throws {
        let (problem, before, after) = try example()
        let svg = WarehousePicture.heatMap(problem, before: .init(heading: "Before", assignment: before),
                                           after: .init(heading: "After", assignment: after))
        let doc = try SVGDocument(svg)
        let legend = try doc.elements("//*[local-name()='g'][@id='legend']")
        #expect(legend.count == 1)
        #expect(try doc.elements("//*[local-name()='linearGradient'][@id='heat-scale']/*[local-name()='stop']").count == 9)
        #expect(try doc.elements("//*[local-name()='rect'][@id='scale-bar']").first?.svgAttribute("fill") == "url(#heat-scale)")
        let ticks = try doc.elements("//*[local-name()='text'][@class='tick']").compactMap(\.stringValue)
        #expect(ticks.first == "0" && ticks.last == "20 (most)", "\(ticks)")
        let text = legend.first?.stringValue ?? ""
        #expect(text.contains("empty slot") && text.contains("pick/drop point") && text.contains("logarithmic"))
    }

    @Test func afterOnlyWhenThereIsNoBefore() throws {
        let (problem, _, after) = try example()
        let svg = WarehousePicture.heatMap(problem, before: nil, after: .init(heading: "After <exact>", assignment: after))
        let doc = try SVGDocument(svg)
        let panels = try doc.panels
        #expect(panels.count == 1 && panels.first?.svgAttribute("id") == "after")
        #expect(try doc.cells(panels[0]).count == problem.warehouse.slots.count)
        #expect(try doc.elements("//*[@id='title']").first?.stringValue?.contains("new assignment only") == true)
        #expect(svg.contains("After &lt;exact&gt;"))
        #expect(!svg.contains("against before"))
    }

    @Test func largeWarehouseKeepsCellsVisible() throws {
        // 30 aisles × 120 bays × 6 levels: cells shrink to their 2-pixel minimum, never to nothing.
        let w = Warehouse(aisles: 30, baysPerAisle: 120, levels: 6)
        let g = WarehousePicture.Geometry(w)
        #expect(g.cell >= 2 && g.bay >= 2)
        let small = WarehousePicture.Geometry(smallWarehouse(levels: 2))
        #expect(small.cell <= 12 && small.bay <= 14)
        // Level 1 sits next to the walkway on both sides; bay 1 is the bottom row.
        let left = w.slots.first { $0.aisle == 0 && $0.side == 0 && $0.bay == 0 && $0.level == 1 }!
        let right = w.slots.first { $0.aisle == 0 && $0.side == 1 && $0.bay == 0 && $0.level == 1 }!
        #expect(g.cellX(right) - (g.cellX(left) + g.cell) == g.walkway)
        #expect(g.bayY(0) > g.bayY(1))
    }

    @Test func groupsThousands() {
        #expect(WarehousePicture.grouped(703830.66) == "703,830.7")
        #expect(WarehousePicture.grouped(12.0) == "12.0")
        #expect(WarehousePicture.grouped(1234567.0) == "1,234,567.0")
        #expect(WarehousePicture.grouped(-1234.5) == "-1,234.5")
    }
}
