package dev.seqlab.engine;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Finds calls that would end the JVM ({@code System.exit}, {@code Runtime.exit},
 * {@code Runtime.halt}) in a compiled cell class, by reading its constant pool: any call or method
 * reference to them needs a method reference entry there. The engine refuses such classes before
 * they run ({@link CellExecutionControl#load}): in the kernel's JVM they ended the kernel with no
 * reply, and every variable of the session was lost. Calls made through reflection, or by library
 * code, are not seen; they are rare in notebooks, and a SecurityManager, which would see them, is
 * deprecated for removal and gone from JDK 24 on.
 */
final class ExitCalls {

    private ExitCalls() {}

    /**
     * @param classBytes a class file
     * @return the first exit call it makes, such as {@code System.exit}, or null when none (or
     *     when the bytes cannot be read: then the JVM's own verifier decides)
     */
    static String find(byte[] classBytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(classBytes));
            if (in.readInt() != 0xCAFEBABE) {
                return null;
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNames = new int[count];
            int[][] refs = new int[count][];
            int[][] nameAndTypes = new int[count][];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // a long or double takes two entries
                    }
                    case 7 -> classNames[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 9, 17, 18 -> in.readInt();
                    case 12 -> nameAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> {
                        return null;
                    }
                }
            }
            for (int[] ref : refs) {
                if (ref == null || nameAndTypes[ref[1]] == null) {
                    continue;
                }
                String owner = utf8[classNames[ref[0]]];
                String name = utf8[nameAndTypes[ref[1]][0]];
                String descriptor = utf8[nameAndTypes[ref[1]][1]];
                if (!"(I)V".equals(descriptor)) {
                    continue;
                }
                if ("java/lang/System".equals(owner) && "exit".equals(name)) {
                    return "System.exit";
                }
                if ("java/lang/Runtime".equals(owner) && ("exit".equals(name) || "halt".equals(name))) {
                    return "Runtime." + name;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
