package io.autopilot.certificates;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log line of the application while installed (root logger, all levels), message and exception text. */
final class CapturedLogs extends Handler {

    final List<String> lines = new CopyOnWriteArrayList<>();

    static CapturedLogs install() {
        CapturedLogs logs = new CapturedLogs();
        logs.setLevel(java.util.logging.Level.ALL);
        Logger.getLogger("").addHandler(logs);
        Logger.getLogger("io.autopilot").setLevel(java.util.logging.Level.ALL);
        return logs;
    }

    void uninstall() {
        Logger.getLogger("").removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (record.getParameters() != null && message != null) {
            try {
                message = String.format(message, record.getParameters());
            } catch (RuntimeException e) {
                message = message + " " + java.util.Arrays.toString(record.getParameters());
            }
        }
        StringBuilder line = new StringBuilder(record.getLoggerName() + " " + message);
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
