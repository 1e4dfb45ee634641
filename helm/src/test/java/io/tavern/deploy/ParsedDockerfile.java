package io.tavern.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way the builder reads it: comment lines dropped, backslash continuations
 * joined, one instruction per entry, grouped into build stages. Enough to check the image's
 * properties without a container engine; the syntax itself is checked by dockerfile-utils.
 */
record ParsedDockerfile(List<Instruction> globalArgs, List<Stage> stages) {

    record Instruction(String keyword, String arguments, int line) {
    }

    record Stage(String baseImage, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        int indexOf(Instruction instruction) {
            return instructions.indexOf(instruction);
        }
    }

    static ParsedDockerfile read(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int startLine = 0;
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (pending.isEmpty()) {
                startLine = i + 1;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().strip();
            pending.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "", startLine));
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("Dockerfile ends inside a continued line");
        }

        List<Instruction> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Pattern from = Pattern.compile("^(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?$", Pattern.CASE_INSENSITIVE);
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                Matcher m = from.matcher(instruction.arguments());
                if (!m.matches()) {
                    throw new IllegalStateException("cannot read FROM at line " + instruction.line());
                }
                stages.add(new Stage(m.group(1), m.group(2), new ArrayList<>()));
            } else if (stages.isEmpty()) {
                globalArgs.add(instruction);
            } else {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new ParsedDockerfile(globalArgs, stages);
    }

    /** A stage's base image with the global ARG defaults substituted, as the builder resolves it. */
    String resolvedBaseImage(Stage stage) {
        Map<String, String> defaults = new HashMap<>();
        for (Instruction arg : globalArgs) {
            String[] nameAndDefault = arg.arguments().split("=", 2);
            if (nameAndDefault.length == 2) {
                defaults.put(nameAndDefault[0].strip(), nameAndDefault[1].strip());
            }
        }
        String image = stage.baseImage();
        for (Map.Entry<String, String> arg : defaults.entrySet()) {
            image = image.replace("${" + arg.getKey() + "}", arg.getValue()).replace("$" + arg.getKey(), arg.getValue());
        }
        return image;
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no build stage named " + name));
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }
}
