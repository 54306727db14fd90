/// How edge costs were derived from the input, so that the verifier can
/// recompute them independently and outputs can print them in input units.
public enum DistanceConvention: String, Sendable, Equatable {
    /// Euclidean distance rounded to the nearest integer per edge (TSPLIB `EUC_2D`, CVRPLIB BKS).
    case roundedEuclidean = "nint-euclid"
    /// Euclidean distance truncated to one decimal, stored as integer tenths (DIMACS VRPTW convention).
    case truncatedTenths = "dimacs-trunc1"
    /// Euclidean distance truncated to an integer per edge (PyVRP's `trunc`).
    case truncatedEuclidean = "trunc-euclid"
    /// Euclidean distance in thousandths, rounded to the nearest integer (PyVRP's `exact`).
    case exactMilli = "exact-milli"
    /// Weights given explicitly in the file.
    case explicit = "explicit"
    /// Planar coordinates, Euclidean distance rounded to one decimal, in tenths (CSV orders).
    case roundedTenths = "euclid-round1"
    /// Longitude/latitude, great-circle (haversine) kilometres rounded to one decimal, in
    /// tenths (CSV orders with lat/lon).
    case haversineTenths = "haversine-km-round1"
}

/// A planar point as read from the instance.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// A routing instance: immutable once built and validated.
///
/// Node 0 is the depot; nodes 1...customerCount are customers; further depots, when
/// there are several, follow the customers (`depotNodes`). All integer
/// quantities (distances, durations, times) are in *internal units*: input
/// units multiplied by `scale` (1 for VRPLIB, 10 for Solomon under DIMACS).
public struct Problem: Sendable {
    public let name: String
    /// Number of nodes including the depot.
    public let nodeCount: Int
    public let customerCount: Int
    /// The depots: node 0, then the nodes after the customers.
    public var depotNodes: [Int] { [0] + Array(stride(from: customerCount + 1, to: nodeCount, by: 1)) }
    /// Identifier of each node as the input file numbered it.
    public let originalIDs: [Int]
    public let coordinates: [Point]?
    public let demands: [Int]
    /// The largest vehicle capacity (the only one for a homogeneous fleet).
    public let capacity: Int
    /// Fleet size if the instance fixes one; nil means any number of vehicles.
    public let vehicleLimit: Int?
    /// The fleet by type. A homogeneous fleet is one type built from `capacity` and
    /// `vehicleLimit`, starting and ending at node 0 within the depot's hours.
    public let vehicleTypes: [VehicleType]
    /// Per node: the penalty for leaving the customer unvisited, for optional stops;
    /// nil for customers that must be visited (and for depots).
    public let prizes: [Int?]
    public var hasOptionalStops: Bool { prizes.contains { $0 != nil } }
    /// Whether `coordinates` are longitude/latitude (CSV orders with lat/lon columns, whose
    /// distances are great-circle) rather than planar x/y.
    public var hasGeographicCoordinates: Bool { coordinates != nil && convention == .haversineTenths }
    /// Pickup-and-delivery pairs (none for the classic problem).
    public let shipments: [Shipment]
    /// Per node: the other end of its shipment, or -1.
    public let partner: [Int]
    /// Per node: the shipment's amount at its pickup, minus it at its delivery, else 0.
    public let pairLoad: [Int]
    /// Alternatives: each group lists customers of which a plan visits exactly one (at
    /// most one when they are optional) — the copies of a job with several time windows,
    /// one per window. Members share location, demand, service, skills and prize.
    public let groups: [[Int]]
    /// Per node: its group's index in `groups`, or -1.
    public let groupOf: [Int]
    /// Per node: the skills a vehicle needs to serve it (empty for most).
    public let requiredSkills: [Set<String>]
    /// Per node: bit t set when vehicle type t has every skill the node needs (all bits
    /// when it needs none). Skills need at most 64 vehicle types.
    public let allowedTypes: [UInt64]
    public var hasSkills: Bool { requiredSkills.contains { !$0.isEmpty } }
    /// Further load dimensions beyond `demands` (at most `maximumExtraDimensions`): per
    /// dimension, each node's demand; each vehicle type has a capacity in each.
    public let extraDemands: [[Int]]
    public static let maximumExtraDimensions = 2
    /// Whether a vehicle of type t may serve node c.
    @inline(__always) public func allows(_ t: Int, _ c: Int) -> Bool { allowedTypes[c] & (1 << UInt64(t & 63)) != 0 }
    /// Whether this is the classic problem of the benchmarks (one depot, one vehicle type
    /// whose routes cost their distance, no route limits, every customer required); the
    /// search then uses its specialised paths (giant-tour split, SWAP*).
    public let isClassic: Bool
    /// Whether routes need a schedule: time windows, shifts, duration costs or limits.
    public let isTimed: Bool
    public let distances: Matrix
    /// Travel times; the same as distances unless the instance gives a separate matrix.
    public let durations: Matrix
    /// The road networks vehicles drive by (`VehicleType.profile`): entry 0 is `distances`
    /// and `durations` (named `profileName`), further entries have their own matrices.
    public let profiles: [TravelProfile]
    /// Whether some vehicle type drives by a profile other than 0.
    public let isProfiled: Bool
    /// Per vehicle type: its profile (`VehicleType.profile`).
    public let typeProfile: [Int]
    /// Per profile: whether its distances are profile 0's (then, like those, they follow
    /// from the coordinates under `convention`; a profile with a network of its own has
    /// explicit distances).
    public let sharesDistances: [Bool]
    public let convention: DistanceConvention
    /// Internal units per input unit (cost printed = internal / scale).
    public let scale: Int
    /// Time windows and service times, all in internal units. For instances
    /// without windows these are [0, horizon] and 0.
    public let readyTimes: [Int]
    public let dueTimes: [Int]
    public let serviceTimes: [Int]
    public let hasTimeWindows: Bool
    /// Identifiers of the nodes as the input named them (JSON instances), else nil.
    public var labels: [String]? = nil
    /// Whether times are minutes after midnight (CSV orders), shown as clock times HH:MM
    /// in the text plan.
    public var clockTimes = false

    public init(
        name: String, originalIDs: [Int], coordinates: [Point]?, demands: [Int], capacity: Int,
        vehicleLimit: Int?, distances: Matrix, durations: Matrix? = nil,
        convention: DistanceConvention, scale: Int = 1,
        readyTimes: [Int]? = nil, dueTimes: [Int]? = nil, serviceTimes: [Int]? = nil,
        depotCount: Int = 1, vehicleTypes: [VehicleType]? = nil, prizes: [Int?]? = nil, shipments: [Shipment] = [],
        requiredSkills: [Set<String>]? = nil, extraDemands: [[Int]] = [],
        profileName: String = "default", extraProfiles: [TravelProfile] = [], groups: [[Int]] = []
    ) {
        let n = demands.count
        precondition(n >= depotCount && depotCount >= 1 && distances.size == n && originalIDs.count == n, "inconsistent problem data")
        self.name = name
        self.nodeCount = n
        self.customerCount = n - depotCount
        self.originalIDs = originalIDs
        self.coordinates = coordinates
        self.demands = demands
        self.capacity = capacity
        self.vehicleLimit = vehicleLimit
        self.distances = distances
        self.durations = durations ?? distances
        self.convention = convention
        self.scale = scale
        self.hasTimeWindows = readyTimes != nil || dueTimes != nil
        self.readyTimes = readyTimes ?? Array(repeating: 0, count: n)
        self.dueTimes = dueTimes ?? Array(repeating: Int(Int32.max), count: n)
        self.serviceTimes = serviceTimes ?? Array(repeating: 0, count: n)
        let dueTimes = self.dueTimes, readyTimes = self.readyTimes
        let types = vehicleTypes ?? [VehicleType(name: "vehicle", count: vehicleLimit, capacity: capacity,
                                                 shiftStart: readyTimes[0], shiftEnd: dueTimes[0])]
        precondition(!types.isEmpty && prizes.map { $0.count == n } ?? true, "inconsistent fleet or prizes")
        self.vehicleTypes = types
        self.prizes = prizes ?? Array(repeating: nil, count: n)
        self.shipments = shipments
        var partner = [Int](repeating: -1, count: n), pairLoad = [Int](repeating: 0, count: n)
        for s in shipments {
            precondition(s.pickup >= 1 && s.pickup <= n - depotCount && s.delivery >= 1 && s.delivery <= n - depotCount
                         && s.pickup != s.delivery && partner[s.pickup] < 0 && partner[s.delivery] < 0, "inconsistent shipments")
            partner[s.pickup] = s.delivery; partner[s.delivery] = s.pickup
            pairLoad[s.pickup] = s.amount; pairLoad[s.delivery] = -s.amount
        }
        self.partner = partner
        self.pairLoad = pairLoad
        var groupOf = [Int](repeating: -1, count: n)
        for (g, members) in groups.enumerated() {
            precondition(members.count >= 2, "a group needs two alternatives or more")
            for c in members {
                precondition(c >= 1 && c <= n - depotCount && groupOf[c] < 0 && partner[c] < 0
                             && self.prizes[c] == self.prizes[members[0]], "inconsistent groups")
                groupOf[c] = g
            }
        }
        self.groups = groups
        self.groupOf = groupOf
        let skills = requiredSkills ?? Array(repeating: [], count: n)
        precondition(skills.count == n && (types.count <= 64 || skills.allSatisfy(\.isEmpty)), "inconsistent skills")
        self.requiredSkills = skills
        self.allowedTypes = skills.map { needed in
            needed.isEmpty ? UInt64.max : types.enumerated().reduce(UInt64(0)) { $0 | (needed.isSubset(of: $1.element.skills) ? 1 << UInt64($1.offset) : 0) }
        }
        precondition(extraDemands.count <= Problem.maximumExtraDimensions && extraDemands.allSatisfy { $0.count == n }
                     && types.allSatisfy { $0.extraCapacities.count == extraDemands.count }, "inconsistent load dimensions")
        self.extraDemands = extraDemands
        let profiles = [TravelProfile(name: profileName, distances: distances, durations: self.durations)] + extraProfiles
        precondition(profiles.allSatisfy { $0.distances.size == n && $0.durations.size == n }
                     && types.allSatisfy { profiles.indices.contains($0.profile) }, "inconsistent travel profiles")
        self.profiles = profiles
        self.typeProfile = types.map(\.profile)
        self.isProfiled = types.contains { $0.profile != 0 }
        self.sharesDistances = profiles.map { $0.distances == distances }
        let only = types[0]
        self.isClassic = types.count == 1 && depotCount == 1 && !self.prizes.contains { $0 != nil } && shipments.isEmpty && groups.isEmpty
            && skills.allSatisfy(\.isEmpty) && extraDemands.isEmpty
            && only.startDepot == 0 && only.endDepot == 0 && only.fixedCost == 0 && only.distanceCost == 1 && only.durationCost == 0
            && only.maxDuration == nil && only.maxDistance == nil && only.profile == 0 && only.capacity == capacity && only.count == vehicleLimit
            && only.shiftStart <= readyTimes[0] && only.shiftEnd >= dueTimes[0]
        self.isTimed = hasTimeWindows || types.contains {
            $0.maxDuration != nil || $0.durationCost > 0 || $0.shiftStart > 0 || $0.shiftEnd < Int(Int32.max)
        }
    }

    @inline(__always) public func distance(_ i: Int, _ j: Int) -> Int { distances[i, j] }
    @inline(__always) public func duration(_ i: Int, _ j: Int) -> Int { durations[i, j] }
    /// Distance and travel time for a vehicle of type t (its profile's matrices).
    @inline(__always) public func distance(_ i: Int, _ j: Int, vehicle t: Int) -> Int {
        isProfiled ? profiles[typeProfile[t]].distances[i, j] : distances[i, j]
    }
    @inline(__always) public func duration(_ i: Int, _ j: Int, vehicle t: Int) -> Int {
        isProfiled ? profiles[typeProfile[t]].durations[i, j] : durations[i, j]
    }

    /// Total demand of all customers.
    public var totalDemand: Int { demands.reduce(0, +) }

    /// Formats a time: as `format` does, or as a clock time HH:MM (rounded to the minute)
    /// when the instance's times are minutes after midnight.
    public func formatTime(_ value: Int) -> String {
        guard clockTimes else { return format(value) }
        let minutes = Int((Double(value) / Double(scale)).rounded())
        let day = minutes >= 0 ? minutes / 1440 : 0, rest = max(0, minutes) % 1440
        let text = String(format: "%02d:%02d", rest / 60, rest % 60)
        return day > 0 ? text + "+\(day)d" : text
    }

    /// Formats an internal-unit quantity in input units (e.g. tenths → "827.3").
    public func format(_ value: Int) -> String {
        if scale == 1 { return String(value) }
        let digits = String(scale - 1).count
        let sign = value < 0 ? "-" : ""
        let a = abs(value)
        let frac = String(a % scale)
        return sign + String(a / scale) + "." + String(repeating: "0", count: max(0, digits - frac.count)) + frac
    }
}
