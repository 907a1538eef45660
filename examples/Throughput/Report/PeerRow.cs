namespace Throughput.Report;

/// <summary>One row of a CSV in <see cref="CsvReport.Header"/>'s columns, e.g. the peer script's.</summary>
internal sealed record PeerRow(string Preset, string Task, string Mux, int N, double InstancesPerSecond, double Speedup, double CeilingSpeedup);
