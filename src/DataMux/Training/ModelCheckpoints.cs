using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>
/// Saves and loads a generated model's weights with its configuration: the file is written atomically and loads only
/// into a model of the same configuration; any other is refused with the values that differ. Fixed mux transforms are
/// weights too (buffers), so a reloaded model multiplexes exactly as the saved one did.
/// </summary>
public static class ModelCheckpoints
{
    internal const string ModelPrefix = "model/";

    /// <summary>Writes the model's weights and configuration to <paramref name="path"/> (atomically: temporary file, then rename).</summary>
    public static void SaveCheckpoint<TModel>(this TModel model, string path)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckpointFile.Write(path, Header("model", model.Configuration), Prefixed(ModelPrefix, model.state_dict()));
    }

    /// <summary>
    /// Loads weights written by <see cref="SaveCheckpoint"/> (or the model part of a training checkpoint or cached
    /// warm-up) into <paramref name="model"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a DataMux checkpoint, or is truncated or damaged.</exception>
    /// <exception cref="InvalidOperationException">The file is for another model configuration (the message names each difference).</exception>
    public static void LoadCheckpoint<TModel>(this TModel model, string path)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (header, tensors) = CheckpointFile.Read(path);
        try
        {
            ConfigurationFingerprint.Check(header["configuration"] as JsonObject, (string?)header["model"], model.Configuration, path);
            Assign(model, Unprefixed(ModelPrefix, tensors), path, "model");
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    /// <summary>The header every DataMux file starts with.</summary>
    internal static JsonObject Header(string kind, ModelConfiguration configuration) => new()
    {
        ["kind"] = kind,
        ["model"] = configuration.ModelName,
        ["configuration"] = ConfigurationFingerprint.Describe(configuration),
    };

    internal static IEnumerable<KeyValuePair<string, Tensor>> Prefixed(string prefix, IEnumerable<KeyValuePair<string, Tensor>> tensors) =>
        tensors.Select(pair => new KeyValuePair<string, Tensor>(prefix + pair.Key, pair.Value));

    internal static Dictionary<string, Tensor> Unprefixed(string prefix, IReadOnlyDictionary<string, Tensor> tensors) =>
        tensors.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key[prefix.Length..], pair => pair.Value, StringComparer.Ordinal);

    /// <summary>
    /// Copies <paramref name="source"/> into the module's parameters and buffers, which must match them name for name,
    /// shape for shape and dtype for dtype (the message names the first mismatches otherwise), but those
    /// <paramref name="skip"/> names, which are left as they are. Nothing is copied unless everything matches.
    /// </summary>
    internal static void Assign(nn.Module module, IReadOnlyDictionary<string, Tensor> source, string path, string what, Func<string, bool>? skip = null)
    {
        var targets = module.state_dict().Where(pair => skip is null || !skip(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, target) in targets)
        {
            if (!source.TryGetValue(name, out var tensor)) problems.Add($"'{name}' is missing");
            else if (!tensor.shape.SequenceEqual(target.shape) || tensor.dtype != target.dtype)
                problems.Add($"'{name}' is {tensor.dtype}{Shape(tensor.shape)} there and {target.dtype}{Shape(target.shape)} here");
        }

        problems.AddRange(source.Keys.Where(name => !targets.ContainsKey(name)).Select(name => $"'{name}' is not one of this {what}'s tensors"));
        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"'{path}' does not hold this {what}'s tensors: " + string.Join("; ", problems.Take(5)) + (problems.Count > 5 ? $"; and {problems.Count - 5} more" : "") + ".");
        }

        // In this order: leaving inference mode turns gradients back on.
        using var notInference = torch.inference_mode(false);
        using var noGrad = torch.no_grad();
        foreach (var (name, target) in targets) target.copy_(source[name]);
    }

    private static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
