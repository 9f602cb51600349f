package dev.seqlab.magic;

/**
 * {@code %vars}: shows the session's variables with type, short value and size (see
 * {@link VariableTable}). Scripts call the session function {@code vars()} for the same table.
 */
final class VarsMagic implements LineMagic {

    @Override
    public String name() {
        return "vars";
    }

    @Override
    public String synopsis() {
        return "%vars";
    }

    @Override
    public String summary() {
        return "list the variables: name, type, short value, size of tensors, tables and collections";
    }

    @Override
    public void run(String args, MagicContext session) {
        session.display(VariableTable.bundle(session.variables()));
    }
}
