using System.Collections.Generic;

namespace Throughput.Report;

/// <summary>One configuration's throughput: instances/s of the model and of its backbone alone, and the speed-ups.</summary>
/// <param name="Speedup">Instances/s over the plain N = 1 baseline's.</param>
/// <param name="CeilingSpeedup">The backbone alone at this N's shape, instances/s over the baseline model's (as the peer computes it).</param>
/// <param name="RoundSpeedups">The speed-up of each timed round on its own (this configuration and the baseline timed
/// minutes apart at most): how far the median can move between runs on a noisy machine.</param>
internal sealed record ResultRow(
    string Preset, string Task, string Mux, int N, int Rows, int Positions,
    double Seconds, double InstancesPerSecond, double Speedup,
    double BackboneInstancesPerSecond, double CeilingSpeedup, IReadOnlyList<double> RoundSpeedups);
