/// What a `LocalSearch` knows of its problem and never changes: built once, when the
/// search is made, and only read afterwards (every field is a `let`; the compiler refuses
/// a write). Everything that moves with the plan — routes, prefix sums, schedules,
/// stamps, penalties — is the search's route state (`LocalSearch`).
///
/// Nodes are customers 1...n, then two depot copies per route (n+1+2r, n+2+2r); per-node
/// buffers are sized for `maximumRoutes` routes.
struct SearchData<Weights: EdgeWeights, Features: SearchFeatures>: ~Copyable {
    let problem: Problem
    /// The problem's distances and durations in the representation the search is
    /// specialised for (see `EdgeWeights`).
    let distances: Weights
    let durations: Weights
    let neighbours: Neighbourhood
    /// Customers.
    let n: Int
    let capacity: Int
    let symmetric: Bool
    /// Whether routes need schedules (segments are kept and priced only then).
    let timed: Bool
    /// Routes the state can hold: one per customer plus spares (rich problems: two more
    /// per vehicle type), fixed at creation so that every buffer is allocated once (see
    /// `FlatBuffer` for why indexing is safe).
    let maximumRoutes: Int
    /// Demand of each node (0 for depot copies).
    let nodeDemand: FlatBuffer<Int>
    /// Direction of each customer from the depot (CircleSector units), when coordinates exist.
    let polarAngle: FlatBuffer<Int>

    // Rich problems (`Operators/Fleet.swift`).
    let fleet: [VehicleType]
    /// Per customer: whether it may be left out, and the prize lost then.
    let optional: [Bool]
    let prize: [Int]
    /// Skills: whether any customer needs some; per node the vehicle types allowed to serve
    /// it (a bit per type, all for depot copies).
    let skilled: Bool
    let allowed: FlatBuffer<UInt64>
    /// Further load dimensions (0, 1 or 2): per node its demand in each.
    let extraDimensions: Int
    let extraDemand0: FlatBuffer<Int>
    let extraDemand1: FlatBuffer<Int>
    /// Pickup-and-delivery pairs (`Operators/Pairs.swift`): per node its partner (-1 none),
    /// its pair load (+ at a pickup, − at a delivery) and whether it is a pickup (its pair
    /// load may be 0, so its sign cannot tell).
    let partnerOf: FlatBuffer<Int32>
    let nodeNet: FlatBuffer<Int>
    let isPickup: FlatBuffer<Bool>
    /// Alternatives (`Problem.groups`, `Operators/Alternatives.swift`): whether there are
    /// any; per customer its group (-1 none); per group its customers.
    let grouped: Bool
    let groupOf: [Int]
    let groupMembers: [[Int]]
    /// Travel profiles: every profile's distances then durations, one flat row-major block
    /// each (profiled problems only, which have at most `Matrix.storedLimit` nodes): a
    /// lookup is one load.
    let profileWeights: FlatBuffer<Int32>
    let nodeCount: Int

    init(problem: Problem, neighbours: Neighbourhood, distances: Weights, durations: Weights) {
        precondition(Features.rich == !problem.isClassic && (Features.paired || problem.shipments.isEmpty)
                     && (Features.profiled || !problem.isProfiled), "the search's features must match the problem")
        self.problem = problem
        self.distances = distances
        self.durations = durations
        self.neighbours = neighbours
        let n = problem.customerCount
        self.n = n
        capacity = problem.capacity
        symmetric = problem.distances.isSymmetric && problem.durations.isSymmetric
        timed = problem.isTimed
        let maximumRoutes = n + 2 + (problem.isClassic ? 0 : 2 * problem.vehicleTypes.count)
        self.maximumRoutes = maximumRoutes
        let nodes = n + 1 + 2 * maximumRoutes

        var nodeDemand = FlatBuffer<Int>(count: nodes, repeating: 0)
        var polarAngle = FlatBuffer<Int>(count: n + 1, repeating: 0)
        for c in 0...n {
            nodeDemand[c] = problem.demands[c]
            if let points = problem.coordinates { polarAngle[c] = CircleSector.angle(points[c], from: points[0]) }
        }
        self.nodeDemand = nodeDemand
        self.polarAngle = polarAngle

        fleet = problem.vehicleTypes
        optional = problem.prizes.map { $0 != nil }
        prize = problem.prizes.map { $0 ?? 0 }
        skilled = problem.hasSkills
        var allowed = FlatBuffer<UInt64>(count: nodes, repeating: UInt64.max)
        for c in stride(from: 1, through: n, by: 1) { allowed[c] = problem.allowedTypes[c] }
        self.allowed = allowed
        extraDimensions = problem.extraDemands.count
        var extraDemand0 = FlatBuffer<Int>(count: nodes, repeating: 0)
        var extraDemand1 = FlatBuffer<Int>(count: nodes, repeating: 0)
        for c in stride(from: 1, through: n, by: 1) {
            if extraDimensions > 0 { extraDemand0[c] = problem.extraDemands[0][c] }
            if extraDimensions > 1 { extraDemand1[c] = problem.extraDemands[1][c] }
        }
        self.extraDemand0 = extraDemand0
        self.extraDemand1 = extraDemand1
        var partnerOf = FlatBuffer<Int32>(count: nodes, repeating: -1)
        var nodeNet = FlatBuffer<Int>(count: nodes, repeating: 0)
        var isPickup = FlatBuffer<Bool>(count: nodes, repeating: false)
        for c in stride(from: 1, through: n, by: 1) { partnerOf[c] = Int32(problem.partner[c]); nodeNet[c] = problem.pairLoad[c] }
        for s in problem.shipments { isPickup[s.pickup] = true }
        self.partnerOf = partnerOf
        self.nodeNet = nodeNet
        self.isPickup = isPickup
        grouped = Features.rich && !problem.groups.isEmpty
        groupOf = problem.groupOf
        groupMembers = problem.groups

        nodeCount = problem.nodeCount
        let square = problem.nodeCount * problem.nodeCount
        var profileWeights = FlatBuffer<Int32>(count: Features.profiled ? 2 * square * problem.profiles.count : 1, repeating: 0)
        if Features.profiled {
            precondition(problem.nodeCount <= Matrix.storedLimit, "travel profiles need stored matrices")
            for (p, profile) in problem.profiles.enumerated() {
                for i in 0..<problem.nodeCount {
                    for j in 0..<problem.nodeCount {
                        profileWeights[2 * p * square + i * problem.nodeCount + j] = Int32(profile.distances[i, j])
                        profileWeights[(2 * p + 1) * square + i * problem.nodeCount + j] = Int32(profile.durations[i, j])
                    }
                }
            }
        }
        self.profileWeights = profileWeights
    }
}
