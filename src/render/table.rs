//! Terminal tables (comfy-table). Input: reports. Output: text.
