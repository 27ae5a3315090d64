package io.hakeeper.engine.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory for libc's structures: a direct buffer in the machine's byte order, read and written in
 * Java (no native call per field, which matters for the message headers a receive rewrites), and handed to
 * {@link LibC} by its address. The JDK frees the memory once nothing refers to the buffer; a slice refers to
 * its parent's.
 */
final class NativeMemory {

    private final ByteBuffer bytes;
    private final long address;

    private NativeMemory(ByteBuffer bytes, long address) {
        this.bytes = bytes;
        this.address = address;
    }

    /** {@code size} zeroed bytes, aligned as malloc aligns (16 bytes on LP64). */
    static NativeMemory allocate(int size) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        return new NativeMemory(bytes, Native.addressOf(bytes));
    }

    /** {@code size} bytes of this memory from {@code offset}, sharing them. */
    NativeMemory slice(long offset, int size) {
        return new NativeMemory(bytes.slice((int) offset, size).order(ByteOrder.nativeOrder()), address + offset);
    }

    long address() {
        return address;
    }

    int size() {
        return bytes.capacity();
    }

    void putByte(long offset, byte value) {
        bytes.put((int) offset, value);
    }

    void putShort(long offset, short value) {
        bytes.putShort((int) offset, value);
    }

    void putInt(long offset, int value) {
        bytes.putInt((int) offset, value);
    }

    int getInt(long offset) {
        return bytes.getInt((int) offset);
    }

    void putLong(long offset, long value) {
        bytes.putLong((int) offset, value);
    }

    long getLong(long offset) {
        return bytes.getLong((int) offset);
    }

    /** Stores a pointer (64 bits on LP64). */
    void putAddress(long offset, long pointer) {
        bytes.putLong((int) offset, pointer);
    }

    void put(long offset, byte[] source, int from, int length) {
        bytes.put((int) offset, source, from, length);
    }

    void get(long offset, byte[] target, int from, int length) {
        bytes.get((int) offset, target, from, length);
    }

    void fill(long offset, int length, byte value) {
        for (int i = 0; i < length; i++) {
            bytes.put((int) offset + i, value);
        }
    }
}
