using System;
using System.IO;

namespace DataMux.Examples.Common;

/// <summary>Checks, before minutes of timing, that the files a run writes at its end can be written.</summary>
public static class OutputPaths
{
    /// <summary>
    /// Null when <paramref name="path"/> looks writable, else what is wrong, for <paramref name="option"/>'s message: a
    /// folder in the file's place, a link to nothing, a read-only file, or a folder that does not exist or cannot take a
    /// new file. The path itself is never opened (a FIFO would block, an existing file is left as it is); a new file's
    /// folder is probed with a uniquely named file of its own, deleted on close.
    /// </summary>
    public static string? Problem(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return $"{option}: expected a file name, but '{path}' is a folder.";
        var file = new FileInfo(full);
        if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
            return $"{option}: expected a file that can be written, but '{path}' is a link to '{file.LinkTarget}', which does not exist.";
        if (file.Exists)
        {
            return file.IsReadOnly ? $"{option}: expected a file that can be written, but '{path}' is read-only." : null;
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
            return $"{option}: expected a file in an existing folder, but '{folder}' (for '{path}') does not exist.";
        try
        {
            var probe = Path.Combine(folder, $".datamux-write-probe-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{option}: expected a folder that can take a new file, but '{folder}' (for '{path}') cannot: {e.Message}";
        }
    }
}
