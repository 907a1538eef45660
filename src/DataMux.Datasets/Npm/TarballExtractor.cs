using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;

namespace DataMux.Datasets.Npm;

/// <summary>
/// Extracts a gzip-compressed tarball (the format of an npm package) into a folder, refusing any entry that
/// would land outside it.
/// </summary>
public static class TarballExtractor
{
    /// <summary>
    /// Extracts regular files and folders of the <c>.tgz</c> <paramref name="tarball"/> under
    /// <paramref name="destination"/>. Links and device entries are skipped: a package's data never needs them
    /// and they are the usual way out of the destination.
    /// </summary>
    /// <exception cref="InvalidDataException">An entry's path is absolute or leaves <paramref name="destination"/>.</exception>
    public static void Extract(Stream tarball, string destination)
    {
        ArgumentNullException.ThrowIfNull(tarball);
        var root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;

        using var gzip = new GZipStream(tarball, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            // Only folders and files are written, so only their paths are checked (a PAX global header, say, names a
            // path it never writes to).
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(ResolveInside(rootWithSeparator, entry.Name));
                    break;
                case TarEntryType.RegularFile:
                case TarEntryType.V7RegularFile:
                case TarEntryType.ContiguousFile:
                    var target = ResolveInside(rootWithSeparator, entry.Name);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    using (var output = File.Create(target))
                        entry.DataStream?.CopyTo(output);
                    break;
            }
        }
    }

    private static string ResolveInside(string rootWithSeparator, string entryName)
    {
        if (string.IsNullOrEmpty(entryName) || Path.IsPathRooted(entryName) || entryName.Contains('\0'))
            throw new InvalidDataException($"Expected a relative entry path in the tarball; got '{entryName}'.");
        var full = Path.GetFullPath(Path.Combine(rootWithSeparator, entryName));
        var isRoot = string.Equals(full + Path.DirectorySeparatorChar, rootWithSeparator, StringComparison.Ordinal);
        if (!isRoot && !full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            throw new InvalidDataException($"Expected every tarball entry inside '{rootWithSeparator}'; entry '{entryName}' resolves to '{full}'.");
        return full;
    }
}
