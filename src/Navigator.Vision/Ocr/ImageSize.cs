using System.Buffers.Binary;

namespace Navigator.Vision.Ocr;

/// <summary>Reads the pixel size from a PNG or JPEG header without decoding the image.</summary>
internal static class ImageSize
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The width and height, or null when the bytes are neither PNG nor JPEG.</summary>
    public static (int Width, int Height)? Read(ReadOnlySpan<byte> image)
    {
        // PNG: 8-byte signature, then the IHDR chunk (length, type, width, height).
        if (image.Length >= 24 && image[..8].SequenceEqual(PngSignature))
        {
            return (BinaryPrimitives.ReadInt32BigEndian(image[16..]), BinaryPrimitives.ReadInt32BigEndian(image[20..]));
        }

        // JPEG: walk the markers to the first start-of-frame, which holds height then width.
        if (image.Length < 4 || image[0] != 0xFF || image[1] != 0xD8)
        {
            return null;
        }

        var at = 2;
        while (at + 9 < image.Length)
        {
            if (image[at] != 0xFF)
            {
                return null;
            }

            var marker = image[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(image[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(image[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(image[(at + 5)..]));
            }

            at += 2 + length;
        }

        return null;
    }
}
