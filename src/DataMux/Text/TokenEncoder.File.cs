using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Tokenizers;

namespace DataMux.Text;

// Saving and loading the compact vocabulary, so that a serving process maps text to the ids the model was trained on.
public sealed partial class TokenEncoder
{
    private const string FileHeader = "DataMux.TokenEncoder 3";

    // Text the tokenizer's ids are fingerprinted on: letters, digits, punctuation, spaces and a non-ASCII letter.
    private const string ProbeText = "DataMux probe: The quick brown fox jumps over 13 lazy dogs; naïve café!";

    /// <summary>
    /// Writes the compact vocabulary to <paramref name="path"/> (text: a header with the vocabulary size, the maximum
    /// length and a fingerprint of the tokenizer, then the tokenizer id of every compact id from 2 up, one per line),
    /// so that inference in another process maps text to the ids the model was trained on. The tokenizer itself is not
    /// written; the fingerprint covers the token every saved id stands for, and <see cref="Load"/> refuses a tokenizer
    /// that maps any of them to another token.
    /// </summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var ids = compact.OrderBy(pair => pair.Value).Select(pair => pair.Key).ToArray();
        var lines = new List<string>(ids.Length + 1) { $"{FileHeader} vocabulary={Vocabulary} maxLength={MaxLength} tokenizer={Fingerprint(tokenizer, ids)}" };
        lines.AddRange(ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        System.IO.File.WriteAllLines(path, lines);
    }

    /// <summary>Reads an encoder <see cref="Save"/> wrote, for the same <paramref name="tokenizer"/> it was fitted with.</summary>
    /// <param name="tokenizer">The tokenizer the encoder was fitted with (checked: every saved id must stand for the same token).</param>
    /// <param name="path">The file <see cref="Save"/> wrote.</param>
    public static TokenEncoder Load(Tokenizer tokenizer, string path)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(path);
        var lines = System.IO.File.ReadAllLines(path);
        var header = lines.Length == 0 ? "" : lines[0];
        if (header.StartsWith("DataMux.TokenEncoder 2 ", StringComparison.Ordinal))
        {
            throw new System.IO.InvalidDataException(
                $"Expected a '{FileHeader}' file, but '{path}' was saved in format 2, whose tokenizer check missed tokenizers that number tokens otherwise. " +
                "Fit the encoder again on the same training texts (TokenEncoder.Fit gives the same ids) and Save it.");
        }

        var fields = header.Split(' ');
        if (fields.Length != 5 || $"{fields[0]} {fields[1]}" != FileHeader ||
            !TryField(fields[2], "vocabulary", out var vocabulary) || vocabulary < 3 ||
            !TryField(fields[3], "maxLength", out var maxLength) || maxLength < 1 ||
            !fields[4].StartsWith("tokenizer=", StringComparison.Ordinal))
        {
            throw new System.IO.InvalidDataException(
                $"Expected '{path}' to start with '{FileHeader} vocabulary=V maxLength=L tokenizer=F' (V >= 3, L >= 1), but its first line is '{header}'.");
        }

        if (lines.Length < 2 || lines.Length - 1 > vocabulary - 2)
        {
            throw new System.IO.InvalidDataException(
                $"Expected 1 to {vocabulary - 2} tokenizer ids in '{path}' (vocabulary {vocabulary} less padding and unknown), but got {lines.Length - 1}.");
        }

        var compact = new Dictionary<int, long>();
        for (var line = 1; line < lines.Length; line++)
        {
            if (!int.TryParse(lines[line], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ||
                !compact.TryAdd(id, line + 1L))
            {
                throw new System.IO.InvalidDataException(
                    $"Expected a tokenizer id (a non-negative integer, each once) on line {line + 1} of '{path}', but got '{lines[line]}'.");
            }
        }

        var expected = fields[4].Substring("tokenizer=".Length);
        var actual = Fingerprint(tokenizer, compact.Keys);
        if (expected != actual)
        {
            throw new ArgumentException(
                $"Expected the tokenizer '{path}' was fitted with (fingerprint {expected}), but got one that tokenizes differently ({actual}): the ids would map to other tokens.",
                nameof(tokenizer));
        }

        return new TokenEncoder(tokenizer, compact, vocabulary, maxLength);
    }

    /// <summary>
    /// The tokenizer's type and a hash of the ids it gives <see cref="ProbeText"/> and of the token each of
    /// <paramref name="ids"/> (the compact vocabulary, in order) decodes to: a tokenizer that splits text the same way
    /// but numbers its tokens otherwise (two vocabularies of the same words in another order) differs too.
    /// </summary>
    private static string Fingerprint(Tokenizer tokenizer, IEnumerable<int> ids)
    {
        var text = new System.Text.StringBuilder(string.Join(",", tokenizer.EncodeToIds(ProbeText)));
        foreach (var id in ids) text.Append('\n').Append(id).Append('\t').Append(tokenizer.Decode(new[] { id }));
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())), 0, 8).ToLowerInvariant();
        return $"{tokenizer.GetType().Name}:{hash}";
    }

    private static bool TryField(string field, string name, out int value)
    {
        value = 0;
        return field.StartsWith(name + "=", StringComparison.Ordinal) &&
               int.TryParse(field.AsSpan(name.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
