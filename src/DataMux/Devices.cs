using System;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux;

/// <summary>Turns a user's device request into a torch device, honestly: an explicit CUDA request never falls back to the CPU.</summary>
public static class Devices
{
    /// <summary>Whether <paramref name="tensor"/> lives on <paramref name="device"/> (type and index).</summary>
    internal static bool IsOn(Tensor tensor, Device device) =>
        tensor.device_type == device.type && tensor.device_index == device.index;

    /// <summary>
    /// Resolves <paramref name="request"/>: <c>"cpu"</c>; <c>"cuda"</c> or <c>"cuda:k"</c> (throws when CUDA is not
    /// available); <c>"auto"</c>, null or empty (CUDA when available, else the CPU). Case-insensitive.
    /// </summary>
    /// <param name="request">The requested device.</param>
    /// <exception cref="InvalidOperationException">CUDA was requested but is not available.</exception>
    /// <exception cref="ArgumentException">The request is not one of the forms above.</exception>
    public static Device Resolve(string? request)
    {
        var text = request?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text) || text == "auto")
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (text == "cpu") return torch.CPU;

        if (text == "cuda" || text.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var index = 0;
            if (text.Length > 4 && (!int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index) || index < 0))
                throw new ArgumentException($"Expected a device of the form \"cuda:<index>\" with index >= 0, but got \"{request}\".", nameof(request));
            if (!torch.cuda.is_available())
            {
                throw new InvalidOperationException(
                    $"Device \"{request}\" was requested, but CUDA is not available in this build (the CPU libtorch backend is " +
                    "referenced, or no NVIDIA GPU/driver was found). Build with -p:TorchBackend=cuda on a machine with an NVIDIA " +
                    "GPU, or request \"cpu\" or \"auto\".");
            }

            var count = torch.cuda.device_count();
            if (index >= count)
                throw new ArgumentException($"Device \"{request}\" was requested, but only {count} CUDA device(s) are available.", nameof(request));
            return torch.device(DeviceType.CUDA, index);
        }

        throw new ArgumentException($"Expected a device \"cpu\", \"cuda\", \"cuda:<index>\" or \"auto\", but got \"{request}\".", nameof(request));
    }
}
