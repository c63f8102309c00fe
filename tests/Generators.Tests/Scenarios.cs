namespace Hyperlight.Generators.Tests;

/// <summary>User code the generator is run over; each one is also a snapshot scenario.</summary>
internal static class Scenarios
{
    /// <summary>Every supported type, in both directions, on a guest interface.</summary>
    public const string GuestAllTypes = """
        using System;
        using System.Threading;
        using Hyperlight;

        namespace Demo.Types;

        public enum Color { Red, Green, Blue }
        public enum Level : byte { Low = 1, High = 200 }
        public enum Mask : ulong { None = 0, Top = 0x8000_0000_0000_0000 }
        public enum Small : sbyte { Minus = -1 }
        public enum Wide : uint { Max = uint.MaxValue }

        [GuestFunction]
        public partial interface IAllTypes
        {
            bool Bool(bool value);
            sbyte SByte(sbyte value);
            byte Byte(byte value);
            short Int16(short value);
            ushort UInt16(ushort value);
            int Int32(int value);
            uint UInt32(uint value);
            long Int64(long value);
            ulong UInt64(ulong value);
            float Single(float value);
            double Double(double value);
            string String(string value);
            byte[] Bytes(byte[] value, ReadOnlySpan<byte> span, ReadOnlyMemory<byte> memory);
            void Void();
            Color Enum(Color color, Level level, Mask mask, Small small, Wide wide);
            Level ByteEnum();
            Mask UInt64Enum();
            Wide UInt32Enum();
            int Cancellable(int value, CancellationToken cancellationToken);
            void CancellableFirst(CancellationToken cancellationToken, string text);
            string? Nullable(string? text, byte[]? data);
        }
        """;

    /// <summary>Every supported type, in both directions, on a host interface in another import module.</summary>
    public const string HostAllTypes = """
        using System;
        using Hyperlight;

        namespace Demo.Types;

        public enum Color { Red, Green, Blue }
        public enum Level : byte { Low = 1, High = 200 }
        public enum Wide : uint { Max = uint.MaxValue }

        [HostFunction(Module = "host_api")]
        public partial interface IHostTypes
        {
            bool Bool(bool value);
            sbyte SByte(sbyte value);
            byte Byte(byte value);
            short Int16(short value);
            ushort UInt16(ushort value);
            int Int32(int value);
            uint UInt32(uint value);
            long Int64(long value);
            ulong UInt64(ulong value);
            float Single(float value);
            double Double(double value);
            string String(string value);
            byte[] Bytes(byte[] value, ReadOnlySpan<byte> span, ReadOnlyMemory<byte> memory);
            void Void();
            Color Enum(Color color, Level level, Wide wide);
            Level ByteEnum();
            Wide UInt32Enum();
        }
        """;

    /// <summary>
    /// Method-level attributes: name overrides, methods left unmarked or unbindable (the proxy throws
    /// for them), a host interface without an interface-level attribute (module "env"), and
    /// identifiers that are C# keywords.
    /// </summary>
    public const string MethodLevel = """
        using System;
        using System.Threading;
        using Hyperlight;

        namespace Demo.Methods
        {
            public partial interface IMixed
            {
                [GuestFunction("add-numbers")]
                int Add(int a, int b);

                [GuestFunction]
                string Greet(string @event);

                [GuestFunction("quote\"d\\name")]
                void Quoted();

                int NotMarked(int x);

                [GuestFunction]
                void ByRef(ref int value);

                [GuestFunction]
                DateTime Unsupported(object value);

                [GuestFunction]
                ReadOnlySpan<byte> SpanResult();

                [GuestFunction]
                void TwoTokens(CancellationToken first, CancellationToken second);

                [GuestFunction]
                void Params(params byte[] data);
            }

            internal partial interface IHostMethods
            {
                [HostFunction("log_message")]
                void Log(string message);

                [HostFunction]
                int @class(int @int);

                void NotMarked();

                [HostFunction]
                void Cancellable(CancellationToken cancellationToken);
            }
        }
        """;

    /// <summary>The global namespace, and interfaces nested in partial classes, structs and records with their accessibility.</summary>
    public const string Nesting = """
        using Hyperlight;

        [GuestFunction]
        public partial interface IGlobalGuest
        {
            int Get();
        }

        [HostFunction]
        internal partial interface IGlobalHost
        {
            void Put(int value);
        }

        namespace Demo.Nesting
        {
            public static partial class Outer
            {
                internal partial struct Middle
                {
                    [GuestFunction]
                    private partial interface IPrivateGuest
                    {
                        long Ticks();
                    }

                    [HostFunction(Module = "inner")]
                    public partial interface IInnerHost
                    {
                        void Tick(long ticks);
                    }
                }

                public readonly partial record struct Point
                {
                    [GuestFunction]
                    internal partial interface IInRecordStruct { void Ping(); }
                }

                public partial record Shape
                {
                    [GuestFunction]
                    protected internal partial interface IInRecord { void Ping(); }
                }
            }
        }
        """;
}
