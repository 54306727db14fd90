import Foundation

/// The bench as a picture: gap (%) against time (seconds, log scale), one series per
/// heuristic in its own colour and marker shape. Each run (instance × seed) is a small
/// pale marker; the mean over the runs is a large marker, and for searching heuristics
/// run under several budgets the means are joined by a line, so the curve shows what
/// more time buys. Infeasible runs sit as crosses in a band above the plot, at their
/// time. Plain SVG text, no scripts or external fonts.
public enum GapTimePlot {
    static let width = 1000.0, height = 620.0
    static let plotLeft = 84.0, plotTop = 96.0, plotBottom = 548.0
    static let legendWidth = 270.0
    static var plotRight: Double { width - legendWidth - 24 }
    /// Shortest time drawn: faster runs are drawn at 0.1 ms.
    static let minimumSeconds = 1e-4

    /// Colour-blind-safe colours (Okabe & Ito), fixed per heuristic so plots compare.
    static func colour(_ h: BenchHeuristic) -> String {
        switch h {
        case .savings: return "#E69F00"
        case .sweep: return "#56B4E9"
        case .nn: return "#7F7F7F"
        case .nnLocalSearch: return "#009E73"
        case .hgs: return "#0072B2"
        case .hgsSetPartitioning: return "#D55E00"
        case .ils: return "#CC79A7"
        }
    }

    enum Shape { case circle, square, diamond, triangleUp, triangleDown, hexagon, pentagon }

    static func shape(_ h: BenchHeuristic) -> Shape {
        switch h {
        case .savings: return .square
        case .sweep: return .triangleDown
        case .nn: return .hexagon
        case .nnLocalSearch: return .triangleUp
        case .hgs: return .circle
        case .hgsSetPartitioning: return .diamond
        case .ils: return .pentagon
        }
    }

    /// A marker of `shape` centred at (x, y) with "radius" r (polygons a little larger, so
    /// shapes look the same size); `extra` goes inside the tag (fill, class, ...), `title`
    /// becomes its tooltip.
    static func marker(_ shape: Shape, _ x: Double, _ y: Double, _ r: Double, _ extra: String, title: String? = nil) -> String {
        let tag: String, geometry: String
        func polygon(_ sides: Int, rotation: Double, scale: Double) -> String {
            let points = (0..<sides).map { k -> String in
                let a = rotation + 2 * Double.pi * Double(k) / Double(sides)
                return f(x + r * scale * cos(a)) + "," + f(y + r * scale * sin(a))
            }
            return "points=\"\(points.joined(separator: " "))\""
        }
        switch shape {
        case .circle:
            tag = "circle"; geometry = "cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\""
        case .square:
            let s = r * 0.9
            tag = "rect"; geometry = "x=\"\(f(x - s))\" y=\"\(f(y - s))\" width=\"\(f(2 * s))\" height=\"\(f(2 * s))\""
        case .diamond: tag = "polygon"; geometry = polygon(4, rotation: -Double.pi / 2, scale: 1.3)
        case .triangleUp: tag = "polygon"; geometry = polygon(3, rotation: -Double.pi / 2, scale: 1.35)
        case .triangleDown: tag = "polygon"; geometry = polygon(3, rotation: Double.pi / 2, scale: 1.35)
        case .hexagon: tag = "polygon"; geometry = polygon(6, rotation: 0, scale: 1.1)
        case .pentagon: tag = "polygon"; geometry = polygon(5, rotation: -Double.pi / 2, scale: 1.15)
        }
        guard let title else { return "<\(tag) \(geometry) \(extra)/>" }
        return "<\(tag) \(geometry) \(extra)><title>\(escape(title))</title></\(tag)>"
    }

    /// The SVG document.
    public static func svg(_ results: BenchResults) -> String {
        let heuristics = results.options.heuristics
        let planned = results.runs.filter { $0.status != .unsupported }
        let feasible = planned.filter { results.gap(of: $0) != nil }
        let infeasible = planned.filter { $0.status == .infeasible }

        // Axes: x in decades around every run's time; y in round steps around every gap.
        let times = planned.map { max(minimumSeconds, $0.seconds) }
        var lowDecade = Int(floor(log10(times.min() ?? 0.01)))
        var highDecade = Int(ceil(log10(times.max() ?? 1)))
        if highDecade <= lowDecade { highDecade = lowDecade + 1 }
        lowDecade = max(lowDecade, -4)
        highDecade = max(highDecade, lowDecade + 1)
        let gaps = feasible.compactMap(results.gap(of:))
        let ticks = gapTicks(low: gaps.min() ?? 0, high: gaps.max() ?? 1)
        let yLow = symlog(ticks.first ?? 0), yHigh = symlog(ticks.last ?? 1)

        func x(_ seconds: Double) -> Double {
            let t = log10(max(minimumSeconds, seconds))
            return plotLeft + (t - Double(lowDecade)) / Double(highDecade - lowDecade) * (plotRight - plotLeft)
        }
        func y(_ gap: Double) -> Double { plotBottom - (symlog(gap) - yLow) / (yHigh - yLow) * (plotBottom - plotTop) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"

        // Title and what the reader needs to read it.
        let seeds = results.options.seeds.map(String.init).joined(separator: ", ")
        let count = results.instances.count
        out += "<text x=\"\(f(plotLeft))\" y=\"30\" font-size=\"19\" font-weight=\"bold\">Gap vs time per heuristic</text>\n"
        var subtitle = "\(count) instance\(count == 1 ? "" : "s") × seed\(results.options.seeds.count == 1 ? "" : "s") \(seeds) · "
        subtitle += results.options.budgets.isEmpty ? "iteration limit \(results.options.maxIterations.map(String.init) ?? "")"
            : "budget " + results.options.budgets.map(\.label).joined(separator: ", ")
        subtitle += " · costs from the independent verifier" + (results.interrupted ? " · INTERRUPTED (partial)" : "")
        out += "<text x=\"\(f(plotLeft))\" y=\"52\" font-size=\"13\" fill=\"#444\">\(escape(subtitle))</text>\n"

        // Grid, ticks and labels.
        out += "<g id=\"axes\" font-size=\"12\" fill=\"#333\">\n"
        out += "<rect x=\"\(f(plotLeft))\" y=\"\(f(plotTop))\" width=\"\(f(plotRight - plotLeft))\" height=\"\(f(plotBottom - plotTop))\" "
            + "fill=\"#fcfcfc\" stroke=\"#bbb\"/>\n"
        for decade in lowDecade...highDecade {
            let base = pow(10, Double(decade))
            let gx = x(base)
            out += "<line x1=\"\(f(gx))\" y1=\"\(f(plotTop))\" x2=\"\(f(gx))\" y2=\"\(f(plotBottom))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(gx))\" y=\"\(f(plotBottom + 18))\" text-anchor=\"middle\">\(BenchFormat.number(base, digits: 4))</text>\n"
            if decade < highDecade {
                for m in 2...9 {
                    let mx = x(base * Double(m))
                    out += "<line x1=\"\(f(mx))\" y1=\"\(f(plotBottom))\" x2=\"\(f(mx))\" y2=\"\(f(plotBottom - 5))\" stroke=\"#aaa\"/>\n"
                }
            }
        }
        for tick in ticks {
            let gy = y(tick)
            out += "<line x1=\"\(f(plotLeft))\" y1=\"\(f(gy))\" x2=\"\(f(plotRight))\" y2=\"\(f(gy))\" "
                + (tick == 0 ? "stroke=\"#888\" stroke-width=\"1.2\"/>\n" : "stroke=\"#e4e4e4\"/>\n")
            out += "<text x=\"\(f(plotLeft - 8))\" y=\"\(f(gy + 4))\" text-anchor=\"end\">\(BenchFormat.number(tick, digits: 4))</text>\n"
        }
        out += "<text x=\"\(f((plotLeft + plotRight) / 2))\" y=\"\(f(plotBottom + 42))\" text-anchor=\"middle\" font-size=\"13\">"
            + "time per run (seconds, log scale)</text>\n"
        let yTitle = yAxisTitle(results)
        out += "<text transform=\"translate(\(f(plotLeft - 54)) \(f((plotTop + plotBottom) / 2))) rotate(-90)\" text-anchor=\"middle\" "
            + "font-size=\"13\">\(escape(yTitle))</text>\n"
        let bandY = plotTop - 22
        if !infeasible.isEmpty {
            out += "<rect x=\"\(f(plotLeft))\" y=\"\(f(bandY - 11))\" width=\"\(f(plotRight - plotLeft))\" height=\"22\" fill=\"#fff4f0\" stroke=\"#e8c8c0\"/>\n"
            out += "<text x=\"\(f(plotLeft - 8))\" y=\"\(f(bandY + 4))\" text-anchor=\"end\" fill=\"#a33\">infeasible</text>\n"
        }
        out += "</g>\n"

        // One group per heuristic: its runs, its mean(s) and its infeasible runs; drawn last
        // to first, so that of two close series the one listed first is on top.
        // The searches run under the same time limits, so their means share x positions:
        // each is shifted a few pixels sideways (a "dodge", small against a log axis) so
        // that close means stay visible side by side.
        let searching = heuristics.filter(\.usesBudget)
        func dodge(_ h: BenchHeuristic) -> Double {
            guard searching.count > 1, let k = searching.firstIndex(of: h) else { return 0 }
            return (Double(k) - Double(searching.count - 1) / 2) * 8
        }
        for h in heuristics.reversed() {
            let tint = colour(h), form = shape(h)
            out += "<g class=\"series\" data-heuristic=\"\(escape(h.rawValue))\">\n"
            for run in feasible where run.heuristic == h {
                guard let gap = results.gap(of: run) else { continue }
                out += marker(form, x(run.seconds), y(gap), 3.2,
                              "class=\"run\" fill=\"\(tint)\" fill-opacity=\"0.35\" stroke=\"\(tint)\" stroke-opacity=\"0.6\" stroke-width=\"0.6\"",
                              title: runTitle(run, gap: gap)) + "\n"
            }
            var means: [(seconds: Double, gap: Double, label: String)] = []
            for series in results.series where series.heuristic == h {
                let s = results.summary(results.runs(of: series))
                let runs = results.runs(of: series).filter { results.gap(of: $0) != nil }
                guard let gap = s.meanGap, !runs.isEmpty else { continue }
                let seconds = runs.map(\.seconds).reduce(0, +) / Double(runs.count)
                means.append((seconds, gap, series.label))
            }
            means.sort { $0.seconds < $1.seconds }
            if means.count > 1 {
                let points = means.map { f(x($0.seconds) + dodge(h)) + "," + f(y($0.gap)) }.joined(separator: " ")
                out += "<polyline class=\"mean-line\" points=\"\(points)\" fill=\"none\" stroke=\"\(tint)\" stroke-opacity=\"0.85\" stroke-width=\"2.2\"/>\n"
            }
            for mean in means {
                out += marker(form, x(mean.seconds) + dodge(h), y(mean.gap), 7, "class=\"mean\" fill=\"\(tint)\" stroke=\"white\" stroke-width=\"1.5\"",
                              title: "\(mean.label): mean gap \(BenchFormat.fixed(mean.gap, 2)) % in \(BenchFormat.fixed(mean.seconds, 3)) s") + "\n"
            }
            for run in infeasible where run.heuristic == h {
                let cx = x(run.seconds), r = 4.5
                out += "<path class=\"infeasible\" d=\"M\(f(cx - r)),\(f(bandY - r)) L\(f(cx + r)),\(f(bandY + r)) M\(f(cx - r)),\(f(bandY + r)) "
                    + "L\(f(cx + r)),\(f(bandY - r))\" stroke=\"\(tint)\" stroke-width=\"2\"><title>\(escape(run.instance)) seed \(run.seed) "
                    + "\(escape(run.heuristic.rawValue)): infeasible, \(run.violationCount) violation\(run.violationCount == 1 ? "" : "s")"
                    + "</title></path>\n"
            }
            out += "</g>\n"
        }

        // Legend: marker, name, mean gap and time over all the heuristic's runs.
        let lx = plotRight + 26
        var ly = plotTop + 6
        out += "<g id=\"legend\" font-size=\"13\">\n"
        for h in heuristics {
            let s = results.summary(results.runs.filter { $0.heuristic == h })
            out += marker(shape(h), lx + 8, ly, 7, "fill=\"\(colour(h))\" stroke=\"white\" stroke-width=\"1.2\"") + "\n"
            out += "<text class=\"legend-heuristic\" x=\"\(f(lx + 24))\" y=\"\(f(ly + 5))\" font-weight=\"bold\">\(escape(h.rawValue))</text>\n"
            // One budget: the mean gap and time; several: the first and last budget's means.
            let perBudget = results.series.filter { $0.heuristic == h }.compactMap { series -> (gap: Double, seconds: Double)? in
                let m = results.summary(results.runs(of: series))
                guard let gap = m.meanGap, let seconds = m.meanSeconds else { return nil }
                return (gap, seconds)
            }
            var line: String
            if perBudget.count > 1, let first = perBudget.first, let last = perBudget.last {
                line = "\(BenchFormat.fixed(first.gap, 2)) % in \(timeText(first.seconds)) → \(BenchFormat.fixed(last.gap, 2)) % in \(timeText(last.seconds))"
            } else {
                line = s.meanGap.map { "mean gap \(BenchFormat.fixed($0, 2)) %" } ?? "no gap"
                if let seconds = s.meanSeconds { line += " · \(timeText(seconds))" }
            }
            out += "<text x=\"\(f(lx + 24))\" y=\"\(f(ly + 21))\" font-size=\"11.5\" fill=\"#555\">\(escape(line))</text>\n"
            var notes: [String] = []
            if s.runs - s.feasible - s.unsupported > 0 { notes.append("\(s.runs - s.feasible - s.unsupported) of \(s.runs) infeasible") }
            if s.unsupported > 0 { notes.append("\(s.unsupported) n/a") }
            if !notes.isEmpty {
                out += "<text x=\"\(f(lx + 24))\" y=\"\(f(ly + 36))\" font-size=\"11.5\" fill=\"#a33\">\(escape(notes.joined(separator: ", ")))</text>\n"
                ly += 15
            }
            ly += 42
        }
        ly += 6
        out += "<line x1=\"\(f(lx))\" y1=\"\(f(ly - 12))\" x2=\"\(f(width - 20))\" y2=\"\(f(ly - 12))\" stroke=\"#ddd\"/>\n"
        out += marker(.circle, lx + 8, ly + 2, 7, "fill=\"#666\" stroke=\"white\" stroke-width=\"1.2\"") + "\n"
        out += "<text x=\"\(f(lx + 24))\" y=\"\(f(ly + 7))\" font-size=\"11.5\" fill=\"#555\">mean over runs</text>\n"
        out += marker(.circle, lx + 8, ly + 22, 3.2, "fill=\"#666\" fill-opacity=\"0.35\" stroke=\"#666\" stroke-opacity=\"0.6\" stroke-width=\"0.6\"") + "\n"
        out += "<text x=\"\(f(lx + 24))\" y=\"\(f(ly + 26))\" font-size=\"11.5\" fill=\"#555\">one run (instance × seed)</text>\n"
        if results.options.budgets.count > 1 && heuristics.contains(where: \.usesBudget) {
            out += "<line x1=\"\(f(lx))\" y1=\"\(f(ly + 42))\" x2=\"\(f(lx + 16))\" y2=\"\(f(ly + 42))\" stroke=\"#666\" stroke-width=\"2.2\"/>\n"
            out += "<text x=\"\(f(lx + 24))\" y=\"\(f(ly + 46))\" font-size=\"11.5\" fill=\"#555\">means across budgets</text>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

    static func runTitle(_ run: BenchRun, gap: Double) -> String {
        "\(run.instance) seed \(run.seed) \(run.heuristic.rawValue)\(run.budget.map { " @ \($0.label)" } ?? ""): "
            + "cost \(run.costText), gap \(BenchFormat.fixed(gap, 2)) %, \(BenchFormat.fixed(run.seconds, 3)) s"
    }

    static func yAxisTitle(_ results: BenchResults) -> String {
        let kinds = results.referenceKinds
        if kinds == [.bestKnown] { return "gap to best known (%, log scale)" }
        if kinds == [.bestFound] { return "gap to best found in this bench (%, log scale)" }
        if kinds.isEmpty { return "gap (%, log scale): no reference" }
        return "gap to best known, else best found (%, log scale)"
    }

    static func timeText(_ seconds: Double) -> String {
        // Two significant digits: "0.7 ms", "0.29 s", "3 s", "120 s".
        if seconds < 0.01 { return "\(BenchFormat.number((seconds * 1000 * 10).rounded() / 10)) ms" }
        let digits = seconds < 0.1 ? 3 : seconds < 1 ? 2 : seconds < 10 ? 1 : 0
        let scale = pow(10, Double(digits))
        return "\(BenchFormat.number((seconds * scale).rounded() / scale)) s"
    }

    /// Gaps within ±`linearBand` % are drawn on a linear scale, larger ones on a log scale
    /// (a "symlog" scale), so constructions 30 % off and searches 0.3 % off are both
    /// legible on one plot, with 0 and negative gaps (below the best known) in place.
    static let linearBand = 0.1

    static func symlog(_ gap: Double) -> Double { (gap < 0 ? -1 : 1) * log10(1 + abs(gap) / linearBand) }

    /// Gap axis ticks: 0 and ±1, 2, 5 × 10^k from 0.1 % on, the outermost at or beyond the
    /// data; only the powers of ten when that would make more than 12 ticks.
    static func gapTicks(low: Double, high: Double) -> [Double] {
        let decades = (-1...6).map { pow(10, Double($0)) }
        let magnitudes = decades.flatMap { d in [1.0, 2, 5].map { $0 * d } }
        func cover(_ v: Double, _ steps: [Double]) -> [Double] {
            guard v > 0 else { return [] }
            let top = steps.first { $0 >= v * (1 - 1e-12) } ?? steps[steps.count - 1]
            return steps.filter { $0 <= top }
        }
        for steps in [magnitudes, decades] {
            let up = cover(max(high, linearBand), steps), down = cover(-min(low, 0), steps)
            let ticks = down.reversed().map { -$0 } + [0] + up
            if ticks.count <= 12 || steps.count < magnitudes.count { return ticks }
        }
        return [0, linearBand]
    }

    static func f(_ v: Double) -> String { BenchFormat.number(v, digits: 1) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
