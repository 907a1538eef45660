using System;
using System.IO;
using System.Linq;
using Throughput.Report;
using DataMux.Testing;
using Xunit;

namespace DataMux.Examples.Tests;

public sealed class PeerCsvTests : IDisposable
{
    private readonly TemporaryFolder folder = new("datamux-peer-");

    private string path => folder.File("peer.csv");

    public void Dispose() => folder.Dispose();

    private void WriteRows(params string[] rows) => File.WriteAllLines(path, [CsvReport.Header, .. rows]);

    [Fact]
    public void The_benchmarks_own_csv_reads_back_as_written()
    {
        CsvReport.Write(path, [new ResultRow("paper", "sequence", "GaussianHadamard", 20, 40, 149, 0.17, 231.85, 16.33, 238.01, 16.76, [16.0])]);

        var row = Assert.Single(CsvReport.Read(path));

        Assert.Equal(new PeerRow("paper", "sequence", "GaussianHadamard", 20, 231.85, 16.33, 16.76), row);
    }

    [Theory]
    [InlineData("Infinity", "instances_per_second")]
    [InlineData("1e400", "instances_per_second")]
    [InlineData("NaN", "instances_per_second")]
    [InlineData("-3", "instances_per_second")]
    [InlineData("0", "instances_per_second")]
    public void A_rate_that_is_not_finite_and_positive_is_an_error(string value, string column)
    {
        WriteRows($"paper,sequence,GaussianHadamard,2,{value},2.0,2.1");

        var error = Assert.Throws<InvalidDataException>(() => CsvReport.Read(path));

        Assert.Contains($"Expected {column} to be a finite positive number", error.Message);
        Assert.Contains($"got '{value}'", error.Message);
    }

    [Fact]
    public void A_missing_ceiling_written_as_nan_by_the_peer_is_accepted()
    {
        // pytorch_bench.py --no-backbone writes float('nan'), which Python formats as "nan".
        WriteRows("paper,sequence,GaussianHadamard,20,109.85,18.61,nan");

        Assert.True(double.IsNaN(Assert.Single(CsvReport.Read(path)).CeilingSpeedup));
    }

    [Fact]
    public void Two_rows_for_one_mux_and_n_are_an_error_naming_both_lines()
    {
        WriteRows("paper,sequence,GaussianHadamard,2,13.7,2.3,2.3", "paper,sequence,Orthogonal,2,13.0,2.2,2.3", "paper,sequence,GaussianHadamard,2,14.1,2.4,2.3");

        var error = Assert.Throws<InvalidDataException>(() => CsvReport.Read(path));

        Assert.Contains("lines 2 and 4 both hold mux GaussianHadamard, n 2", error.Message);
    }

    [Fact]
    public void A_second_n_1_row_is_skipped_with_a_note_and_the_first_kept_as_the_baseline()
    {
        // pytorch_bench.py always writes its baseline row, and one more when its --ns holds 1.
        WriteRows("paper,sequence,GaussianHadamard,1,8.05,1.0,1.0", "paper,sequence,GaussianHadamard,1,7.90,0.98,1.01", "paper,sequence,GaussianHadamard,2,13.1,1.63,nan");
        var notes = new System.Collections.Generic.List<string>();

        var rows = CsvReport.Read(path, notes.Add);

        Assert.Equal(new[] { 8.05, 13.1 }, rows.Select(r => r.InstancesPerSecond));
        Assert.Contains("line 3 is a second N = 1 row for mux GaussianHadamard; the baseline is line 2's", Assert.Single(notes));
    }

    [Fact]
    public void Spaces_around_fields_are_ignored()
    {
        WriteRows("paper, sequence, GaussianHadamard , 2, 13.7, 2.3, 2.3");

        Assert.Equal(new PeerRow("paper", "sequence", "GaussianHadamard", 2, 13.7, 2.3, 2.3), Assert.Single(CsvReport.Read(path)));
    }
}
