import Foundation

/// The warehouse as a pick-frequency heat map: a pure SVG plan of the layout (aisles
/// with their bays, the cross aisles and the pick/drop point), each slot a cell coloured
/// by the pick frequency of the SKU stored in it, drawn for the assignment before
/// slotting and after it side by side, so that one sees frequent SKUs move toward the
/// pick/drop point.
///
/// The plan is schematic but keeps the layout's order: aisles left to right as their x,
/// bays along each aisle with bay 1 next to the front cross aisle (at the bottom, where
/// the pick/drop point is), and each bay's levels side by side across its rack, level 1
/// (the floor) next to the aisle. The pick/drop point sits at its x between the aisles.
public enum WarehousePicture {
    /// One assignment to draw, with its heading (e.g. "Before: current assignment").
    public struct Panel: Sendable {
        public let heading: String
        public let assignment: SlotAssignment
        public init(heading: String, assignment: SlotAssignment) {
            self.heading = heading
            self.assignment = assignment
        }
    }

    /// Fill of a slot that holds no SKU.
    public static let emptyColour = "#b4b4b4"

    /// The sequential scale, light to dark: ColorBrewer's YlOrRd (9 classes), whose
    /// lightness falls monotonically, so darker always means more picks.
    static let scaleStops: [(r: Double, g: Double, b: Double)] = [
        (255, 255, 204), (255, 237, 160), (254, 217, 118), (254, 178, 76), (253, 141, 60),
        (252, 78, 42), (227, 26, 28), (189, 0, 38), (128, 0, 38),
    ]

    /// Colour at position `t` in 0...1 of the scale, interpolated between its stops.
    public static func heatColour(_ t: Double) -> String {
        let clamped = t.isFinite ? min(1, max(0, t)) : 0
        let position = clamped * Double(scaleStops.count - 1)
        let k = min(scaleStops.count - 2, Int(position))
        let f = position - Double(k)
        let a = scaleStops[k], b = scaleStops[k + 1]
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return String(format: "#%02x%02x%02x", mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }

    /// Where `picks` falls on the scale: logarithmic (log(1 + picks) / log(1 + most)),
    /// because demand is skewed — on a linear scale all but the few top SKUs would look
    /// alike. Monotone in `picks`; 0 picks is the light end.
    public static func scalePosition(picks: Int, most: Int) -> Double {
        guard most > 0 else { return 0 }
        return log1p(Double(max(0, picks))) / log1p(Double(most))
    }

    /// The SVG: a title, the `before` panel when there is one (otherwise the title says
    /// the picture shows the new assignment only), the `after` panel, and a legend with
    /// the colour scale. Each panel's heading carries the expected picking distance of
    /// its assignment (`SlottingProblem.expectedCost`: Σ picks × walk there and back,
    /// plus the level penalty) and the after panel its change against the before.
    /// Assignments must be valid for `problem` (see `SlottingProblem.violations`).
    /// `title` replaces the default title, e.g. to say what the before panel is.
    public static func heatMap(_ problem: SlottingProblem, before: Panel?, after: Panel, title: String? = nil) -> String {
        let w = problem.warehouse
        let picks = problem.history.picks
        let most = picks.max() ?? 0
        let totalPicks = picks.reduce(0, +)
        let panels = (before.map { [$0] } ?? []) + [after]
        let geometry = Geometry(w)

        // Headings: a bold line, then the expected distance, then (after) the change.
        let beforeCost = before.map { problem.expectedCost($0.assignment) }
        var headings: [[String]] = []
        for (p, panel) in panels.enumerated() {
            let cost = problem.expectedCost(panel.assignment)
            var lines = [panel.heading, "expected picking distance \(grouped(cost)) m"]
            var detail = totalPicks > 0 ? String(format: "%.1f m per pick", cost / Double(totalPicks)) : "no picks"
            if p == panels.count - 1, let beforeCost, beforeCost > 0 {
                detail += String(format: ", %+.1f %% against before", 100 * (cost - beforeCost) / beforeCost)
            }
            lines.append(detail)
            headings.append(lines)
        }

        let titleText = title ?? (before == nil
            ? "Pick frequency by slot: the new assignment only (no before assignment to compare)"
            : "Pick frequency by slot, before and after slotting")
        let levelWord = w.levels == 1 ? "level" : "levels"
        let subtitle = ["\(problem.skus.count) SKUs in \(w.slots.count) slots (\(w.aisles) aisles × \(w.baysPerAisle) bays × 2 sides × \(w.levels) \(levelWord)); "
                        + "\(problem.history.orders.count) orders, \(totalPicks) picks.",
                        "Each cell is a slot, coloured by how often the SKU stored in it is picked: the darker, the more picks."]
        let margin = 24.0, panelGap = 44.0, legendWidth = 230.0
        let headingTop = 102.0, headingHeight = 62.0
        let headingWidth = headings.map { lines in
            lines.enumerated().map { textWidth($0.element, size: $0.offset == 0 ? 15 : 12.5) }.max() ?? 0
        }.max() ?? 0
        let panelWidth = max(geometry.width, headingWidth)
        let gridTop = headingTop + headingHeight
        let legendX = margin + Double(panels.count) * (panelWidth + panelGap)
        let legendBottom = gridTop + 470
        let titleWidth = max(textWidth(titleText, size: 19), subtitle.map { textWidth($0, size: 12.5) }.max() ?? 0)
        let width = max(legendX + legendWidth, margin + titleWidth) + margin
        let height = max(gridTop + geometry.height, legendBottom) + margin

        var out = String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                         + "font-family=\"DejaVu Sans, Arial, sans-serif\">\n", width, height, width, height)
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text id=\"title\" x=\"\(n(margin))\" y=\"30\" font-size=\"19\" font-weight=\"bold\">\(escape(titleText))</text>\n"
        for (k, line) in subtitle.enumerated() {
            out += "<text x=\"\(n(margin))\" y=\"\(n(52 + 17 * Double(k)))\" font-size=\"12.5\" fill=\"#444\">\(escape(line))</text>\n"
        }

        for (p, panel) in panels.enumerated() {
            let x0 = margin + Double(p) * (panelWidth + panelGap)
            let id = panels.count == 2 && p == 0 ? "before" : "after"
            out += "<g class=\"panel\" id=\"\(id)\">\n"
            for (k, line) in headings[p].enumerated() {
                let style = k == 0 ? "font-size=\"15\" font-weight=\"bold\"" : "font-size=\"12.5\" fill=\"#333\""
                out += "<text class=\"heading\" x=\"\(n(x0))\" y=\"\(n(headingTop + 18 * Double(k)))\" \(style)>\(escape(line))</text>\n"
            }
            out += panelBody(problem, panel.assignment, geometry, x0: x0, y0: gridTop, most: most)
            out += "</g>\n"
        }
        out += legend(problem, x0: legendX, y0: gridTop, most: most)
        out += "</svg>\n"
        return out
    }

    /// Pixel sizes of one panel's plan, chosen so that a warehouse of up to about ten
    /// aisles and a hundred bays fits a 1400 × 800 screen next to its twin; larger ones
    /// get small (but at least 2-pixel) cells and a wider picture.
    struct Geometry {
        let aisles: Int, bays: Int, levels: Int
        /// Width of one level's cell, height of one bay, walkway width, gap between the
        /// back-to-back racks of neighbouring aisles.
        let cell: Double, bay: Double, walkway: Double, rackGap: Double
        /// Room on the left for the bay numbers; top band for aisle names; cross aisles.
        let left = 34.0, labels = 30.0, crossAisle = 16.0, below = 30.0
        let depotX: Double, aisleSpacing: Double

        init(_ w: Warehouse) {
            aisles = w.aisles
            bays = w.baysPerAisle
            levels = max(1, w.levels)
            let perAisle = 480.0 / Double(max(1, aisles))
            cell = min(12, max(2, ((perAisle - 3) / (2 * Double(levels) + 1.4)).rounded(.down)))
            walkway = max(6, (1.4 * cell).rounded())
            rackGap = 3
            bay = min(14, max(2, (520 / Double(max(1, bays))).rounded(.down)))
            depotX = w.depotX
            aisleSpacing = w.aisleSpacing
        }

        var rack: Double { Double(levels) * cell }
        var pitch: Double { 2 * rack + walkway + rackGap }
        var gridWidth: Double { Double(aisles) * pitch - rackGap }
        var width: Double { left + gridWidth }
        var height: Double { labels + 2 * crossAisle + Double(bays) * bay + below }
        /// Centre of aisle a's walkway, from the panel's left edge.
        func aisleCentre(_ a: Int) -> Double { left + Double(a) * pitch + rack + walkway / 2 }
        /// The pick/drop point's x: aisle centres are aisleSpacing metres apart.
        var depot: Double {
            let x = left + rack + walkway / 2 + depotX / max(1e-9, aisleSpacing) * pitch
            return min(left + gridWidth, max(left, x))
        }
        /// Left edge of a slot's cell: level 1 next to the walkway on both sides.
        func cellX(_ slot: Slot) -> Double {
            let base = left + Double(slot.aisle) * pitch
            if slot.side == 0 { return base + Double(levels - slot.level) * cell }
            return base + rack + walkway + Double(slot.level - 1) * cell
        }
        /// Top edge of bay b's row: bay 1 at the bottom, next to the front cross aisle.
        func bayY(_ b: Int) -> Double { labels + crossAisle + Double(bays - 1 - b) * bay }
    }

    static func panelBody(_ problem: SlottingProblem, _ assignment: SlotAssignment, _ g: Geometry, x0: Double, y0: Double, most: Int) -> String {
        let w = problem.warehouse
        var out = ""
        var skuIn = [Int](repeating: -1, count: w.slots.count)
        for (s, k) in assignment.slotOfSKU.enumerated() where k >= 0 && k < skuIn.count { skuIn[k] = s }
        let walkwayFill = "#eef1f4", reservedFill = "#d6e6f7"
        let gridLeft = x0 + g.left, aislesTop = y0 + g.labels
        let frontY = aislesTop + g.crossAisle + Double(g.bays) * g.bay
        // Cross aisles and walkways first, then the racks over them.
        out += "<rect class=\"cross-aisle\" x=\"\(n(gridLeft))\" y=\"\(n(aislesTop))\" width=\"\(n(g.gridWidth))\" height=\"\(n(g.crossAisle))\" fill=\"\(walkwayFill)\"/>\n"
        out += "<rect class=\"cross-aisle\" x=\"\(n(gridLeft))\" y=\"\(n(frontY))\" width=\"\(n(g.gridWidth))\" height=\"\(n(g.crossAisle))\" fill=\"\(walkwayFill)\"/>\n"
        var classOfAisle: [Int: String] = [:]
        for (name, set) in w.reservedAisles { for a in set { classOfAisle[a] = name } }
        // Aisle names, thinned out when aisles are too narrow for each to have one.
        let every = max(1, Int((30 / g.pitch).rounded(.up)))
        for a in 0..<g.aisles {
            let cx = x0 + g.aisleCentre(a)
            let reserved = classOfAisle[a]
            out += "<rect class=\"walkway\" x=\"\(n(cx - g.walkway / 2))\" y=\"\(n(aislesTop + g.crossAisle))\" width=\"\(n(g.walkway))\" "
                + "height=\"\(n(Double(g.bays) * g.bay))\" fill=\"\(reserved == nil ? walkwayFill : reservedFill)\"/>\n"
            guard a % every == 0 || reserved != nil else { continue }
            let label = String(format: "A%02d", a + 1)
            out += "<text class=\"aisle-label\" x=\"\(n(cx))\" y=\"\(n(y0 + 12))\" font-size=\"11\" text-anchor=\"middle\">\(label)</text>\n"
            if let reserved, g.pitch >= 24 || a % every == 0 {
                out += "<text x=\"\(n(cx))\" y=\"\(n(y0 + 24))\" font-size=\"9.5\" font-style=\"italic\" fill=\"#1f5fa8\" text-anchor=\"middle\">\(escape(reserved))</text>\n"
            }
        }
        // Bay numbers on the left: bay 1, then every `step`-th (1, 5, 10, … when bays are 8 to 40 pixels high).
        let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].first { Double($0) * g.bay >= 40 } ?? 1000
        for b in 0..<g.bays where b == 0 || (b + 1) % step == 0 {
            out += "<text class=\"bay-label\" x=\"\(n(gridLeft - 5))\" y=\"\(n(y0 + g.bayY(b) + g.bay / 2 + 3.5))\" font-size=\"9.5\" "
                + "fill=\"#555\" text-anchor=\"end\">\(b + 1)</text>\n"
        }
        out += "<text x=\"\(n(gridLeft - 5))\" y=\"\(n(aislesTop + g.crossAisle - 4))\" font-size=\"9.5\" fill=\"#555\" text-anchor=\"end\">bay</text>\n"
        // One cell per slot; a hairline of white keeps neighbouring cells apart when they are big enough.
        let stroke = g.cell >= 5 && g.bay >= 5 ? " stroke=\"white\" stroke-width=\"0.6\"" : ""
        out += "<g class=\"slots\"\(stroke)>\n"
        let picks = problem.history.picks
        for slot in w.slots {
            let x = x0 + g.cellX(slot), y = y0 + g.bayY(slot.bay)
            let s = skuIn[slot.index]
            if s < 0 {
                out += "<rect class=\"slot empty\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(g.cell))\" height=\"\(n(g.bay))\" fill=\"\(emptyColour)\">"
                    + "<title>\(slot.id): empty</title></rect>\n"
            } else {
                let colour = heatColour(scalePosition(picks: picks[s], most: most))
                out += "<rect class=\"slot\" data-picks=\"\(picks[s])\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(g.cell))\" height=\"\(n(g.bay))\" "
                    + "fill=\"\(colour)\"><title>\(slot.id): \(escape(problem.skus[s].id)), \(picks[s]) picks</title></rect>\n"
            }
        }
        out += "</g>\n"
        // The pick/drop point on the front cross aisle, named below it.
        let dx = x0 + g.depot, dy = frontY + g.crossAisle / 2
        out += "<g class=\"depot\"><rect x=\"\(n(dx - 6))\" y=\"\(n(dy - 6))\" width=\"12\" height=\"12\" fill=\"black\"/>"
            + "<text x=\"\(n(dx))\" y=\"\(n(frontY + g.crossAisle + 14))\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\">pick/drop point</text>"
            + "<title>pick/drop point (depot)</title></g>\n"
        return out
    }

    static func legend(_ problem: SlottingProblem, x0: Double, y0: Double, most: Int) -> String {
        let w = problem.warehouse
        var out = "<g id=\"legend\" font-size=\"11.5\">\n"
        out += "<text x=\"\(n(x0))\" y=\"\(n(y0 + 4))\" font-size=\"13\" font-weight=\"bold\">Picks of the SKU in the slot</text>\n"
        // A vertical bar, most picks at the top, with the scale's stops as its gradient stops.
        let barTop = y0 + 18, barHeight = 220.0, barWidth = 18.0
        out += "<defs><linearGradient id=\"heat-scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
        for k in scaleStops.indices {
            let t = Double(k) / Double(scaleStops.count - 1)
            out += "<stop offset=\"\(n(t))\" stop-color=\"\(heatColour(t))\"/>"
        }
        out += "</linearGradient></defs>\n"
        out += "<rect id=\"scale-bar\" x=\"\(n(x0))\" y=\"\(n(barTop))\" width=\"\(n(barWidth))\" height=\"\(n(barHeight))\" "
            + "fill=\"url(#heat-scale)\" stroke=\"#666\" stroke-width=\"0.5\"/>\n"
        // Ticks at 0, 1, 2, 5, 10, 20, 50, … up to the most picks, never closer than 16 pixels.
        var ticks = [0]
        var magnitude = 1
        outer: while magnitude <= most {
            for m in [1, 2, 5] {
                let v = m * magnitude
                if v >= most { break outer }
                ticks.append(v)
            }
            if magnitude > Int.max / 10 { break }
            magnitude *= 10
        }
        func tickY(_ v: Int) -> Double { barTop + barHeight * (1 - scalePosition(picks: v, most: most)) }
        var kept: [Int] = most > 0 ? [most] : []
        for v in ticks.reversed() where kept.allSatisfy({ abs(tickY($0) - tickY(v)) >= 16 }) { kept.append(v) }
        for v in kept.sorted() {
            let y = tickY(v)
            out += "<line x1=\"\(n(x0 + barWidth))\" y1=\"\(n(y))\" x2=\"\(n(x0 + barWidth + 4))\" y2=\"\(n(y))\" stroke=\"#444\"/>"
                + "<text class=\"tick\" x=\"\(n(x0 + barWidth + 7))\" y=\"\(n(y + 4))\">\(v)\(v == most ? " (most)" : "")</text>\n"
        }
        var y = barTop + barHeight + 10
        out += "<text x=\"\(n(x0))\" y=\"\(n(y + 8))\" fill=\"#555\" font-size=\"10.5\">logarithmic scale</text>\n"
        y += 26
        out += "<rect x=\"\(n(x0))\" y=\"\(n(y))\" width=\"\(n(barWidth))\" height=\"12\" fill=\"\(emptyColour)\"/>"
            + "<text x=\"\(n(x0 + barWidth + 7))\" y=\"\(n(y + 10))\">empty slot</text>\n"
        y += 20
        out += "<rect x=\"\(n(x0 + 3))\" y=\"\(n(y))\" width=\"12\" height=\"12\" fill=\"black\"/>"
            + "<text x=\"\(n(x0 + barWidth + 7))\" y=\"\(n(y + 10))\">pick/drop point</text>\n"
        if !w.reservedAisles.isEmpty {
            y += 20
            let names = w.reservedAisles.keys.sorted().joined(separator: ", ")
            out += "<rect x=\"\(n(x0))\" y=\"\(n(y))\" width=\"\(n(barWidth))\" height=\"12\" fill=\"#d6e6f7\"/>"
                + "<text x=\"\(n(x0 + barWidth + 7))\" y=\"\(n(y + 10))\">aisle reserved (\(escape(names)))</text>\n"
        }
        // One bay across its aisle: which cell is which level.
        y += 34
        out += "<text x=\"\(n(x0))\" y=\"\(n(y))\" font-size=\"12\" font-weight=\"bold\">One bay, both sides of an aisle</text>\n"
        y += 8
        let levels = max(1, w.levels)
        let cell = min(18, 150 / Double(2 * levels + 1))
        let walkway = cell
        for side in 0..<2 {
            for level in 1...levels {
                let x = side == 0 ? x0 + Double(levels - level) * cell : x0 + Double(levels) * cell + walkway + Double(level - 1) * cell
                out += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cell))\" height=\"16\" fill=\"#f7f7f7\" stroke=\"#888\" stroke-width=\"0.6\"/>"
                if cell >= 9 {
                    out += "<text x=\"\(n(x + cell / 2))\" y=\"\(n(y + 12))\" font-size=\"10\" text-anchor=\"middle\">\(level)</text>"
                }
                out += "\n"
            }
        }
        out += "<rect x=\"\(n(x0 + Double(levels) * cell))\" y=\"\(n(y))\" width=\"\(n(walkway))\" height=\"16\" fill=\"#eef1f4\"/>\n"
        y += 30
        let golden = w.goldenLevels.sorted().map(String.init).joined(separator: ", ")
        var notes = ["Cells are levels 1 (floor) to \(levels),", "level 1 next to the aisle."]
        if !golden.isEmpty && w.levelPenalty > 0 {
            notes += ["Levels \(golden) are golden; a pick", "elsewhere adds \(n(w.levelPenalty)) m to its distance."]
        }
        notes += ["Expected picking distance:", "Σ picks × walk to the slot and back."]
        for line in notes {
            out += "<text x=\"\(n(x0))\" y=\"\(n(y))\" font-size=\"10.5\" fill=\"#444\">\(escape(line))</text>\n"
            y += 14
        }
        out += "</g>\n"
        return out
    }

    /// 1234567.8 → "1,234,567.8".
    static func grouped(_ v: Double) -> String {
        let text = String(format: "%.1f", v)
        guard let dot = text.firstIndex(of: ".") else { return text }
        let negative = text.hasPrefix("-")
        let digits = Array(text[text.index(text.startIndex, offsetBy: negative ? 1 : 0)..<dot])
        var integer = ""
        for (k, d) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { integer += "," }
            integer.append(d)
        }
        return (negative ? "-" : "") + integer + text[dot...]
    }

    /// A rough width of a line of text (DejaVu Sans averages about 0.6 em per character).
    static func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.6 }

    static func n(_ v: Double) -> String { PlanPictures.number((v * 100).rounded() / 100) }
    static func escape(_ s: String) -> String { PlanPictures.escape(s) }
}
