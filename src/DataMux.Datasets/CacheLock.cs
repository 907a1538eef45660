using System;
using System.IO;
using System.Threading;

namespace DataMux.Datasets;

/// <summary>
/// The cross-process lock of one cached package: an exclusively opened lock file next to its folder. Whoever holds it
/// may clear, download and move the folder into place; the others wait, then find the folder finished.
/// </summary>
internal static class CacheLock
{
    /// <summary>
    /// Opens <paramref name="path"/> exclusively, waiting up to <paramref name="wait"/> for another holder. The file is
    /// kept afterwards: deleting it would let two processes lock different files.
    /// </summary>
    /// <exception cref="IOException">The cache folder cannot be created, or another process held the lock too long.</exception>
    public static FileStream Acquire(string path, string cacheRoot, TimeSpan wait)
    {
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException(
                $"Expected a writable data-set cache folder at '{cacheRoot}' (set {DatasetCache.EnvironmentVariable} to another folder), but could not create '{folder}': {e.Message}", e);
        }

        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);   // another process is downloading the same package
            }
            catch (IOException e)
            {
                throw new IOException(
                    $"Another process has held '{path}' (it downloads the same package) for over {wait.TotalSeconds:0} s; expected it to finish by then. Retry when it has.", e);
            }
        }
    }
}
