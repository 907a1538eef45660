using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;

namespace DataMux.Datasets;

/// <summary>
/// A cache folder that exists only complete: it is filled in a staging folder under an in-process and a cross-process
/// lock, a marker naming what it was made from and its checksum is written last, and the whole folder is moved into
/// place. A run killed half-way leaves leftovers that the next call deletes, never a folder that looks finished.
/// </summary>
internal static class CompleteFolder
{
    /// <summary>The marker's file name: its first line names the package, its second the checksum of what was fetched.</summary>
    public const string MarkerName = ".datamux-complete";

    private static readonly ConcurrentDictionary<string, object> InProcessLocks = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns <paramref name="folder"/>, filling it first unless its marker records <paramref name="checksum"/> (any
    /// checksum when null). <paramref name="fill"/> gets an empty download folder and the staging folder to fill, and
    /// returns the marker's two lines (what was fetched, its checksum); it throws to leave nothing behind.
    /// </summary>
    /// <param name="folder">The finished folder's path.</param>
    /// <param name="cacheRoot">The cache's root, where the cross-process lock lives.</param>
    /// <param name="lockWait">How long to wait for another process that is filling the same folder.</param>
    /// <param name="checksum">The checksum the marker must record, or null for any.</param>
    /// <param name="fill">Fetches into the download folder and fills the staging folder.</param>
    public static string GetOrFill(string folder, string cacheRoot, TimeSpan lockWait, string? checksum,
        Func<string, string, (string Source, string Checksum)> fill)
    {
        var marker = Path.Combine(folder, MarkerName);
        if (IsCompleteWith(marker, checksum)) return folder;

        lock (InProcessLocks.GetOrAdd(folder, _ => new object()))
        {
            using var crossProcess = CacheLock.Acquire(folder + ".lock", cacheRoot, lockWait);
            if (IsCompleteWith(marker, checksum)) return folder;   // another process finished it while we waited

            // No marker: a previous run stopped half-way (killed during the download or the unpacking). A marker with
            // another checksum (or none pinned when it was made): its content was never checked against this one.
            // Under the lock the folder and its leftovers are nobody else's: start from nothing.
            var download = folder + ".download";
            var staging = folder + ".staging";
            foreach (var leftover in new[] { folder, download, staging })
            {
                if (Directory.Exists(leftover)) Directory.Delete(leftover, recursive: true);
            }

            Directory.CreateDirectory(download);
            try
            {
                var (source, actual) = fill(download, staging);
                File.WriteAllText(Path.Combine(staging, MarkerName), $"{source}\n{actual}\n");
                // Moved into place whole: the folder exists only complete, marker included.
                Directory.Move(staging, folder);
            }
            finally
            {
                if (Directory.Exists(download)) Directory.Delete(download, recursive: true);
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            }
        }

        return folder;
    }

    private static bool IsCompleteWith(string marker, string? checksum) =>
        File.Exists(marker) && (checksum is null || File.ReadLines(marker).Skip(1).FirstOrDefault() == checksum);
}
