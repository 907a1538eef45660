using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace DataMux.Testing;

/// <summary>
/// Snapshot checks in Verify's file conventions (<c>{Class}.{Test}#{Name-without-.cs}.verified.cs</c> beside the
/// test file: generated sources, the public API), without the Verify package, which this build cannot restore. Switching to Verify later means
/// replacing <see cref="Match"/> calls with <c>Verify(driver)</c>: the file names already agree.
/// </summary>
internal static class Snapshots
{
    private const string AcceptVariable = "DATAMUX_ACCEPT_SNAPSHOTS";

    /// <summary>
    /// Compares <paramref name="actual"/> with the verified file exactly. On a mismatch writes <c>.received.cs</c>
    /// beside it and fails; with <c>DATAMUX_ACCEPT_SNAPSHOTS=1</c> overwrites the verified file instead.
    /// </summary>
    public static void Match(
        string actual,
        string hintName,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testName = "")
    {
        testFile = RepositoryPaths.SourceFile(testFile);
        var directory = Path.GetDirectoryName(testFile)!;
        var stem = $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}#{Path.GetFileNameWithoutExtension(hintName)}";
        var verified = Path.Combine(directory, stem + ".verified.cs");
        var received = Path.Combine(directory, stem + ".received.cs");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot yet: review {received} and accept it ({AcceptVariable}=1, or rename it to .verified.cs)."
            : $"The text differs from {verified} at line {FirstDifference(expected, actual)}.\n" +
              $"Compare: diff '{verified}' '{received}'; accept with {AcceptVariable}=1.");
    }

    private static int FirstDifference(string expected, string actual)
    {
        var left = expected.Split('\n');
        var right = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Min(left.Length, right.Length)).FirstOrDefault(i => left[i] != right[i], -1);
        return (line < 0 ? Math.Min(left.Length, right.Length) : line) + 1;
    }
}
