/// A kind of vehicle in the fleet: how many there are, what they carry, where they start
/// and end, when they may drive and what a route costs with one of them.
///
/// All quantities are in the problem's internal units (see `Problem.scale`). The cost of a
/// route driven by a vehicle of this type is
///
///     fixedCost + distanceCost × distance + durationCost × duration
///
/// where `duration` is the least time from leaving the start depot to arriving at the
/// end depot (the vehicle leaves as late as it can without arriving anywhere later).
/// With the defaults (`fixedCost` 0, `distanceCost` 1, `durationCost` 0) a route costs
/// its distance: the objective of the classic benchmarks.
public struct VehicleType: Sendable, Equatable {
    public var name: String
    /// Vehicles of this type available; nil means as many as needed.
    public var count: Int?
    public var capacity: Int
    /// Depot nodes the routes start and end at (0 or one of `Problem.depotNodes`).
    public var startDepot: Int
    public var endDepot: Int
    public var fixedCost: Int
    public var distanceCost: Int
    public var durationCost: Int
    /// Earliest departure from the start depot and latest arrival at the end depot.
    public var shiftStart: Int
    public var shiftEnd: Int
    /// Longest route duration and distance allowed; nil means no limit.
    public var maxDuration: Int?
    public var maxDistance: Int?
    /// What its vehicles can do (e.g. "cold", "tail-lift"): a customer needing skills goes
    /// only on a vehicle that has them all.
    public var skills: Set<String> = []
    /// Capacities in the further load dimensions (e.g. volume after weight), one per entry
    /// of `Problem.extraDemands`.
    public var extraCapacities: [Int] = []
    /// Which of `Problem.profiles` its vehicles drive by (0, the instance's own matrices,
    /// unless the instance gives several, e.g. a bike and a van network or speed).
    public var profile: Int = 0

    public init(name: String, count: Int?, capacity: Int, startDepot: Int = 0, endDepot: Int = 0,
                fixedCost: Int = 0, distanceCost: Int = 1, durationCost: Int = 0,
                shiftStart: Int = 0, shiftEnd: Int = Int(Int32.max), maxDuration: Int? = nil, maxDistance: Int? = nil,
                skills: Set<String> = [], extraCapacities: [Int] = [], profile: Int = 0) {
        self.name = name
        self.count = count
        self.capacity = capacity
        self.startDepot = startDepot
        self.endDepot = endDepot
        self.fixedCost = fixedCost
        self.distanceCost = distanceCost
        self.durationCost = durationCost
        self.shiftStart = shiftStart
        self.shiftEnd = shiftEnd
        self.maxDuration = maxDuration
        self.maxDistance = maxDistance
        self.skills = skills
        self.extraCapacities = extraCapacities
        self.profile = profile
    }
}

/// A road network as one kind of vehicle drives it: its distances and travel times.
/// Profile 0 of a problem is its own `distances` and `durations`; further profiles
/// (a bicycle's paths, a slower truck) have matrices of the same size.
public struct TravelProfile: Sendable {
    public let name: String
    public let distances: Matrix
    public let durations: Matrix
    public init(name: String, distances: Matrix, durations: Matrix? = nil) {
        self.name = name
        self.distances = distances
        self.durations = durations ?? distances
    }
}

/// A pickup-and-delivery pair: `amount` goes aboard at the `pickup` node and leaves at
/// the `delivery` node, on the same vehicle, pickup first. Both are customers (nodes in
/// 1...customerCount) whose own `demands` are 0.
public struct Shipment: Sendable, Equatable {
    public var pickup: Int
    public var delivery: Int
    public var amount: Int
    public init(pickup: Int, delivery: Int, amount: Int) { self.pickup = pickup; self.delivery = delivery; self.amount = amount }
}
